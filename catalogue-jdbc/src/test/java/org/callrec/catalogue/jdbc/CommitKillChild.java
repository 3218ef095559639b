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
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.RecordingEntry;

/**
 * The child process of {@link CommitDurabilityKillTest}: opens the embedded catalogue in a
 * folder, prints {@code READY}, then adds recordings (each with its call's retention deadline,
 * so two tables change per commit) from several writer threads at once, printing
 * {@code ACK <recording id>} only after the catalogue's commit has returned, until it is killed.
 * With no writers it works as a sweep does instead, and prints {@code DISPOSED <recording id>}
 * once a disposal's receipt is committed.
 */
final class CommitKillChild {
    static final Instant DEADLINE = Instant.parse("2026-06-01T00:00:00Z");

    private CommitKillChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the catalogue folder, the prefix of this run's recording ids, and the number
     *     of writer threads, or 0 to work as a sweep does instead
     */
    public static void main(String[] args) throws InterruptedException {
        String folder = args[0];
        String prefix = args[1];
        int writers = Integer.parseInt(args[2]);
        PrintStream out = System.out;

        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of(CatalogueSettings.DIRECTORY, folder), Clock.systemUTC()));
        if (writers == 0) {
            disposeAndCompactUntilKilled(settings, prefix, out);
            return;
        }
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

    /**
     * Works as a sweep does: adds recordings, disposes of every other one (key destroyed, then
     * the receipt), and every few rounds compacts the catalogue, which closes it, and opens it
     * again; so kills also land while H2 closes and while the file is rewritten.
     */
    private static void disposeAndCompactUntilKilled(CatalogueSettings settings, String prefix,
            PrintStream out) {
        for (long round = 0; ; round++) {
            JdbcCatalogue catalogue = JdbcCatalogue.open(settings, new TestSeal());
            for (int i = 0; i < 10; i++) {
                String id = prefix + round + "-" + i;
                RecordingEntry entry = entry(id);
                catalogue.addRecording(entry);
                out.println("ACK " + id);
                if (i % 2 == 0) {
                    catalogue.destroyWrappedKey(id);
                    catalogue.recordDisposal(new DisposalReceipt(id, entry.callId(), DEADLINE,
                            DEADLINE.plusSeconds(1), entry.ciphertextSha256(), true));
                    out.println("DISPOSED " + id);
                }
                out.flush();
            }
            catalogue.compact();
        }
    }

    private static RecordingEntry entry(String id) {
        RecordingEntry sample = recording(id, "call-" + id, at(12));
        return new RecordingEntry(sample.recordingId(), sample.callId(), sample.spanId(),
                sample.objectKey(), sample.spanStartedAt(), sample.spanEndedAt(),
                sample.plaintextBytes(), sample.ciphertextBytes(), sample.ciphertextSha256(),
                sample.wrappedKey(), sample.storedAt(), DEADLINE);
    }

    private static void addUntilKilled(JdbcCatalogue catalogue, String writer, PrintStream out) {
        for (long n = 0; ; n++) {
            String id = writer + n;
            catalogue.addRecording(entry(id));

            synchronized (out) {
                out.println("ACK " + id);
                out.flush();
            }
        }
    }
}
