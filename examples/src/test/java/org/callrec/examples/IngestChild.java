package org.callrec.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.callrec.spi.catalogue.RecordingEntry;

/**
 * The child process of {@link CrashSafetyTest}: opens the default installation in a folder,
 * prints {@code READY}, then stores the source audio as one recording after another, printing
 * {@code ACK <recording id>} after each store has returned (so the recording is committed and
 * catalogued), until it is killed.
 */
final class IngestChild {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private IngestChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the data folder, the source audio file, and the first call number to use
     */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path source = Path.of(args[1]);
        long call = Long.parseLong(args[2]);
        PrintStream out = System.out;

        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            out.println("READY");
            out.flush();
            while (true) {
                RecordingEntry entry;
                try (InputStream audio = Files.newInputStream(source)) {
                    entry = workspace.vault().store("kill-call-" + call, "span-1", T0,
                            T0.plusSeconds(30), audio);
                }
                out.println("ACK " + entry.recordingId());
                out.flush();
                call++;
            }
        }
    }
}
