package org.callrec.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.providers.ProviderRegistry;
import org.callrec.core.recorder.CallRecorder;
import org.callrec.core.recorder.TimelineEntry;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.callrec.spi.telephony.TelephonyAdapterProvider;

/** Replays a real capture from the test class path into a workspace and keeps the timeline. */
final class CaptureReplay {
    private final Workspace workspace;
    private final Clock clock;
    private final Path inputs;

    CaptureReplay(Workspace workspace, Clock clock, Path inputs) {
        this.workspace = workspace;
        this.clock = clock;
        this.inputs = inputs;
    }

    /** Replays a capture (a class path resource) with a directory file and the given policy. */
    List<TimelineEntry> run(String captureResource, Path directory, Path policyFile)
            throws IOException {
        Policy policy = new PolicyLoader(clock).load(policyFile);
        DecisionEngine engine = new DecisionEngine(policy, FileStaffDirectory.load(directory),
                clock);
        List<TimelineEntry> timeline = new ArrayList<>();
        try (TelephonyAdapter adapter = ProviderRegistry
                .discover(TelephonyAdapterProvider.class, TelephonyAdapterProvider::name)
                .get("asterisk")
                .create(ProviderConfig.of(Map.of("replay-audio",
                        inputs.resolve("demo/audio/demo-congrats.wav").toString()), clock));
                InputStream in = CaptureReplay.class.getResourceAsStream(captureResource)) {
            if (in == null) {
                throw new IOException("missing test resource " + captureResource);
            }
            new CallRecorder(engine, adapter, workspace.vault(), workspace.catalogue())
                    .replay(in, captureResource, timeline::add);
        }
        return timeline;
    }

    /** Returns a copy of the shipped policy with one piece of text replaced. */
    Path policyWith(String original, String replacement) throws IOException {
        Path shipped = inputs.resolve("policy.yaml");
        String text = Files.readString(shipped);
        if (!text.contains(original)) {
            throw new IllegalArgumentException("the shipped policy has no '" + original + "'");
        }
        Path changed = inputs.resolve("policy-changed.yaml");
        Files.writeString(changed, text.replace(original, replacement));
        return changed;
    }
}
