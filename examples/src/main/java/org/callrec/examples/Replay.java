package org.callrec.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.policy.LoadedPolicy;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.providers.ProviderRegistry;
import org.callrec.core.recorder.CallRecorder;
import org.callrec.core.retention.RecordingDisposal;
import org.callrec.core.recorder.TimelineEntry;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffDirectoryProvider;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.callrec.spi.telephony.TelephonyAdapterProvider;

/**
 * Replays one telephony capture through a policy into a workspace: the policy file, the staff
 * directory file, the capture, and one audio file that stands for what the platform wrote for
 * each recorded span. Prints the decision timeline with its clause citations.
 */
public final class Replay {
    private final Workspace workspace;
    private final Clock clock;

    /** Creates a replay into the given workspace, reading time from the clock. */
    public Replay(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    /**
     * Runs the replay.
     *
     * @return the recordings stored, in order
     * @throws IOException when an input cannot be read or is malformed
     */
    public List<RecordingEntry> run(Path policyFile, Path directoryFile, Path capture,
            Path audio, String adapterName, PrintWriter out) throws IOException {
        requireRegularFile(capture, "capture");
        requireRegularFile(audio, "audio");
        LoadedPolicy loaded = new PolicyLoader(clock).loadWithDigest(policyFile);
        Policy policy = loaded.policy();
        StaffDirectory directory = ProviderRegistry
                .discover(StaffDirectoryProvider.class, StaffDirectoryProvider::name)
                .get("file")
                .create(ProviderConfig.of(Map.of("file", directoryFile.toString()), clock));
        workspace.audit().append(new AuditEntry(clock.instant(), AuditEntry.ACTION_POLICY_LOADED,
                "callrec-replay", null, Map.of("version", policy.version(),
                        "sha256", loaded.sha256())));

        List<RecordingEntry> stored = new ArrayList<>();
        List<String> notStored = new ArrayList<>();
        TimelinePrinter printer = new TimelinePrinter(out);
        try (TelephonyAdapter adapter = ProviderRegistry
                .discover(TelephonyAdapterProvider.class, TelephonyAdapterProvider::name)
                .get(adapterName)
                .create(ProviderConfig.of(Map.of("replay-audio", audio.toString()), clock));
                InputStream in = Files.newInputStream(capture)) {
            RecordingDisposal disposal = new RecordingDisposal(workspace.catalogue(),
                    workspace.storage(), workspace.audit(), clock);
            CallRecorder recorder = new CallRecorder(new DecisionEngine(policy, directory, clock),
                    adapter, workspace.vault(), workspace.catalogue(), disposal);
            out.printf("replaying %s under policy %s %s%n", capture.getFileName(),
                    policy.organisation(), policy.version());
            recorder.replay(in, capture.getFileName().toString(), (TimelineEntry entry) -> {
                printer.print(entry);
                stored.addAll(entry.stored());
                entry.notes().stream().filter(note -> note.contains("NOT stored")
                        || note.contains("not catalogued")).forEach(notStored::add);
            });
        }
        out.printf("replay: the source audio %s was left in place%n", audio.getFileName());
        if (!notStored.isEmpty()) {
            throw new IOException(notStored.size() + " recorded span(s) of " + capture
                    + " could not be stored or catalogued (the platform's copies are kept): "
                    + notStored.get(0));
        }
        return stored;
    }

    /**
     * Refuses an input that is not a readable regular file before anything is written: a
     * directory, a device or a FIFO would fail late or block forever.
     */
    private static void requireRegularFile(Path file, String what) throws IOException {
        if (Files.notExists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null,
                    "the " + what + " file does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(file + ": the " + what + " must be a readable regular file"
                    + " (not a directory, device or pipe)");
        }
    }
}
