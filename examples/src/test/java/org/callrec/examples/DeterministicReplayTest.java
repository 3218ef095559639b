package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.whatif.WhatIf;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same events through the same policy version give the same timeline: every one of the 13
 * real captures replayed twice, and every stored call replayed again from its stored inputs (events
 * and directory answers), decide identically.
 */
class DeterministicReplayTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);

    /** All 13 real captures, as the adapter's tests keep them (with licences and checksums). */
    private static final Path CAPTURES =
            Path.of("../telephony-asterisk/src/test/resources/realdata/ami/raw");

    @TempDir
    Path folder;

    @Test
    void replayingEveryBundledCaptureTwiceGivesIdenticalTimelines() throws Exception {
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));

        List<CallRecord> first = replayAll(inputs, folder.resolve("first"));
        List<CallRecord> second = replayAll(inputs, folder.resolve("second"));

        assertEquals(13, captures().size());
        assertTrue(first.size() >= 13, "every capture holds at least one call: " + first.size());
        assertEquals(timelines(first), timelines(second));
    }

    @Test
    void replayingEveryStoredCallFromItsStoredInputsGivesTheStoredTimeline() throws Exception {
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        List<CallRecord> stored = replayAll(inputs, folder.resolve("stored"));
        Policy policy = new PolicyLoader(CLOCK).load(inputs.policy());

        List<List<Decision>> replayed = stored.stream()
                .map(call -> new WhatIf(policy, CLOCK).replay(call).decisions()).toList();

        assertFalse(stored.isEmpty());
        assertEquals(timelines(stored), replayed);
    }

    private static List<Path> captures() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(CAPTURES)) {
            return files.filter(f -> f.toString().endsWith(".ami")).sorted().toList();
        }
    }

    private static List<List<Decision>> timelines(List<CallRecord> calls) {
        return calls.stream().map(CallRecord::decisions).toList();
    }

    private static List<CallRecord> replayAll(DemoInputs inputs, Path data) throws Exception {
        try (Workspace workspace = Workspace.open(data, CLOCK)) {
            Replay replay = new Replay(workspace, CLOCK);
            for (Path capture : captures()) {
                Path directory = capture.getFileName().toString().startsWith("xfer_attended")
                        ? inputs.directoryWithHr() : inputs.directoryWithRepairs();
                replay.run(inputs.policy(), directory, capture, inputs.audio(), "asterisk",
                        new PrintWriter(new StringWriter()));
            }
            return workspace.catalogue().calls();
        }
    }
}
