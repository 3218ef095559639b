package org.callrec.catalogue.jdbc;

import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.RecordingEntry;

/**
 * The child process of {@link CommitDurabilityKillTest}: opens the embedded catalogue in a
 * folder, prints {@code READY}, then adds recordings (each with its call's retention deadline,
 * so two tables change per commit) from several writer threads at once, printing
 * {@code ACK <recording id>} only after the catalogue's commit has returned, until it is killed.
 */
final class CommitKillChild {
    static final Instant DEADLINE = Instant.parse("2026-06-01T00:00:00Z");

    private CommitKillChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the catalogue folder, the prefix of this run's recording ids, and the number
     *     of writer threads
     */
    public static void main(String[] args) throws InterruptedException {
        String folder = args[0];
        String prefix = args[1];
        int writers = Integer.parseInt(args[2]);
        PrintStream out = System.out;

        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of(CatalogueSettings.DIRECTORY, folder), Clock.systemUTC()));
        JdbcCatalogue catalogue = JdbcCatalogue.open(settings, new TestSeal());
        out.println("READY");
        out.flush();

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = prefix + "w" + w + "-";
            Thread thread = new Thread(() -> addUntilKilled(catalogue, writer, out), writer);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void addUntilKilled(JdbcCatalogue catalogue, String writer, PrintStream out) {
        for (long n = 0; ; n++) {
            String id = writer + n;
            RecordingEntry sample = recording(id, "call-" + id, at(12));
            catalogue.addRecording(new RecordingEntry(sample.recordingId(), sample.callId(),
                    sample.spanId(), sample.objectKey(), sample.spanStartedAt(),
                    sample.spanEndedAt(), sample.plaintextBytes(), sample.ciphertextBytes(),
                    sample.ciphertextSha256(), sample.wrappedKey(), sample.storedAt(), DEADLINE));

            synchronized (out) {
                out.println("ACK " + id);
                out.flush();
            }
        }
    }
}
