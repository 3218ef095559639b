package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.callrec.examples.DemoInputs;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.RecordingEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clause 4.2: {@code callrec sweep} over the embedded installation. */
class SweepCommandTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static final Instant AS_OF = T0.plus(Duration.ofDays(91));

    @TempDir
    Path folder;

    /**
     * Found by the kill harness (CrashSafetyTest): a sweep killed mid-batch kept its claim, and
     * the next sweep, under a new claimant, passed the batch over until the lease ran out.
     */
    @Test
    void sweepAfterAKilledSweepDisposesOfTheBatchTheKilledOneHadClaimed() throws IOException {
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        Path data = folder.resolve("data");
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            for (int i = 0; i < 3; i++) {
                workspace.vault().store("call-" + i, "span-1", T0, T0.plusSeconds(30),
                        new ByteArrayInputStream(new byte[] {1, 2, 3}));
                workspace.catalogue().setRetentionDeadline("call-" + i, T0.plusSeconds(60));
            }
            List<RecordingEntry> claimed = workspace.catalogue().claimDueForDisposal(AS_OF, 2,
                    SweepCommand.EMBEDDED_CLAIMANT, AS_OF.plus(Duration.ofMinutes(10)));
            assertEquals(2, claimed.size());
        }
        StringWriter out = new StringWriter();

        int code = Main.run(Clock.fixed(AS_OF.plusSeconds(3600), ZoneOffset.UTC),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "sweep",
                "--data", data.toString(), "--policy", inputs.policy().toString(),
                "--as-of", AS_OF.toString());

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("3 recording(s) disposed of"), out.toString());
        try (Workspace workspace = Workspace.open(data, Clock.fixed(AS_OF, ZoneOffset.UTC))) {
            assertEquals(List.of(), workspace.catalogue().recordings());
            assertEquals(3, workspace.catalogue().disposals().size());
        }
    }

    /** Found by a newcomer: a later --as-of disposed of fresh recordings on any installation. */
    @Test
    void aLaterAsOfIsRefusedOutsideTheDemoAndDisposesOfNothing() throws IOException {
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        Path data = folder.resolve("data");
        storeThreeRecordingsDueAMinuteLater(data);
        StringWriter err = new StringWriter();

        int code = Main.run(Clock.fixed(T0, ZoneOffset.UTC), new PrintWriter(new StringWriter(),
                true), new PrintWriter(err, true), "sweep", "--data", data.toString(),
                "--policy", inputs.policy().toString(), "--as-of", AS_OF.toString());

        assertTrue(code != 0, err.toString());
        assertTrue(err.toString().contains("--as-of " + AS_OF), err.toString());
        assertTrue(err.toString().contains("clause 4.2"), err.toString());
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            assertEquals(3, workspace.catalogue().recordings().size());
        }
    }

    @Test
    void aLaterAsOfShowsDisposalOnTheDemosInstallation() throws IOException {
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        Path demo = folder.resolve("callrec-demo");
        Files.createDirectories(demo);
        Files.createFile(demo.resolve(".callrec-demo"));
        Path data = demo.resolve("data");
        storeThreeRecordingsDueAMinuteLater(data);
        StringWriter out = new StringWriter();

        int code = Main.run(Clock.fixed(T0, ZoneOffset.UTC), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "sweep", "--data", data.toString(),
                "--policy", inputs.policy().toString(), "--as-of", AS_OF.toString());

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("3 recording(s) disposed of"), out.toString());
    }

    private static void storeThreeRecordingsDueAMinuteLater(Path data) throws IOException {
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            for (int i = 0; i < 3; i++) {
                workspace.vault().store("call-" + i, "span-1", T0, T0.plusSeconds(30),
                        new ByteArrayInputStream(new byte[] {1, 2, 3}));
                workspace.catalogue().setRetentionDeadline("call-" + i, T0.plusSeconds(60));
            }
        }
    }
}
