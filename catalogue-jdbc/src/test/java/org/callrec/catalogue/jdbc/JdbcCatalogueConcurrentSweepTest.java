package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.callrec.core.retention.RecordingDisposal;
import org.callrec.core.retention.RetentionSweep;
import org.callrec.core.retention.SweepReport;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.testkit.catalogue.CatalogueSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several nodes over one catalogue on a real PostgreSQL (issue 4): three retention sweeps, each
 * with its own catalogue and connection pool as if on its own node, run while two ingesters add
 * recordings, some already past their deadline and some not. Every due recording must be
 * disposed of exactly once, none skipped and none with a future deadline touched. The same run
 * with sweeps that do not claim (they take the plain due query) must dispose of some recording
 * twice, which shows that the first test depends on the claiming.
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcCatalogueConcurrentSweepTest {
    private static final int SWEEPERS = 3;
    private static final int INGESTERS = 2;
    private static final int SEEDED = 120;
    private static final Duration INGESTING = Duration.ofSeconds(3);
    private static final int INGESTED_EACH = 150;
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void disposesOfEveryDueRecordingExactlyOnceWhileThreeSweepersAndTwoIngestersRun(
            PostgresServer server) throws Exception {
        Run run = new Run(server.newDatabase(), true);

        run.sweepWhileIngesting();

        assertEquals(List.of(), List.copyOf(run.failures));
        Map<String, Long> once = run.due.stream().collect(Collectors.toMap(id -> id, id -> 1L,
                (a, b) -> a, TreeMap::new));
        assertEquals(once, run.auditCount(AuditEntry.ACTION_KEY_DESTROYED));
        assertEquals(once, run.auditCount(RecordingDisposal.ACTION_OBJECT_DELETED));
        assertEquals(once, run.auditCount(AuditEntry.ACTION_DISPOSAL));
        assertEquals(once, run.receiptCount());
        assertEquals(once.size(), run.storage.deletes.size());
        assertTrue(run.storage.deletes.values().stream().allMatch(n -> n == 1),
                "objects deleted more than once");
        run.assertFutureRecordingsUntouched();
        assertTrue(run.disposedBySweeper.values().stream().allMatch(n -> n > 0),
                "each sweeper should have disposed of some recordings: "
                        + run.disposedBySweeper);
    }

    @Test
    void disposesOfSomeRecordingTwiceWhenTheSweepersDoNotClaim(PostgresServer server)
            throws Exception {
        Run run = new Run(server.newDatabase(), false);

        run.sweepWhileIngesting();

        long twice = run.auditCount(AuditEntry.ACTION_KEY_DESTROYED).values().stream()
                .filter(n -> n > 1).count();
        assertTrue(twice > 0, "without claims no recording was disposed of twice");
        assertEquals(run.due, run.receiptCount().keySet());
        run.assertFutureRecordingsUntouched();
    }

    /** One run of sweepers and ingesters over a fresh database. */
    private static final class Run {
        private final String url;
        private final boolean claiming;
        private final Instant past = CLOCK.instant().minus(Duration.ofDays(1));
        private final Instant future = CLOCK.instant().plus(Duration.ofDays(1));
        private final Set<String> due = new TreeSet<>();
        private final Set<String> notDue = ConcurrentHashMap.newKeySet();
        private final Set<String> dueAdded = ConcurrentHashMap.newKeySet();
        private final MemoryAudit audit = new MemoryAudit();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final Map<String, Integer> disposedBySweeper = new ConcurrentHashMap<>();
        private final SlowStorage storage = new SlowStorage();
        private JdbcCatalogue observer;

        Run(String url, boolean claiming) {
            this.url = url;
            this.claiming = claiming;
        }

        void sweepWhileIngesting() throws Exception {
            List<JdbcCatalogue> opened = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(SWEEPERS + INGESTERS);
            try {
                observer = open(url);
                opened.add(observer);
                for (int n = 0; n < SEEDED; n++) {
                    add(observer, "seed-" + n, n % 10 == 9 ? future : past);
                }
                AtomicBoolean ingesting = new AtomicBoolean(true);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < INGESTERS; i++) {
                    JdbcCatalogue catalogue = open(url);
                    opened.add(catalogue);
                    int ingester = i;
                    work.add(threads.submit(() -> ingest(catalogue, ingester, go, ingesting)));
                }
                for (int i = 0; i < SWEEPERS; i++) {
                    JdbcCatalogue catalogue = open(url);
                    opened.add(catalogue);
                    RetentionSweep sweep = sweep(catalogue, "sweeper-" + i);
                    work.add(threads.submit(() -> sweepUntilDone(sweep, go, ingesting)));
                }

                go.countDown();
                Thread.sleep(INGESTING.toMillis());
                ingesting.set(false);
                for (Future<?> done : work) {
                    done.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
                opened.forEach(JdbcCatalogue::close);
            }
            due.addAll(dueAdded);
        }

        private Void ingest(Catalogue catalogue, int ingester, CountDownLatch go,
                AtomicBoolean ingesting) throws InterruptedException {
            go.await();
            // Spread over the ingesting time, as calls end, and bounded, so the run stays short.
            for (int n = 0; ingesting.get() && n < INGESTED_EACH; n++) {
                add(catalogue, "ingest-" + ingester + "-" + n, n % 5 == 4 ? future : past);
                Thread.sleep(INGESTING.toMillis() / INGESTED_EACH);
            }
            return null;
        }

        private Void sweepUntilDone(RetentionSweep sweep, CountDownLatch go,
                AtomicBoolean ingesting) throws InterruptedException {
            go.await();
            boolean lastAfterIngest;
            int disposed;
            do {
                // Read before the run: a run that starts after the ingesters stopped and finds
                // nothing left to claim ends this sweeper.
                lastAfterIngest = !ingesting.get();
                SweepReport report = sweep.run(item -> { });
                if (report.failure() != null) {
                    failures.add(sweep.claimant() + ": " + report.failure());
                }
                disposed = report.items().size();
                disposedBySweeper.merge(sweep.claimant(), disposed, Integer::sum);
            } while (!lastAfterIngest || disposed > 0 || stillDueWithoutClaims());
            return null;
        }

        private boolean stillDueWithoutClaims() {
            // Without claims a run can stop on a race it lost; it is run again while anything
            // is still due, so that the unclaimed run also ends with nothing skipped.
            return !claiming && !observer.dueForDisposal(CLOCK.instant(), 1).isEmpty();
        }

        private void add(Catalogue catalogue, String recordingId, Instant deadline) {
            String callId = "call-" + recordingId;
            RecordingEntry sample = CatalogueSamples.recording(recordingId, callId,
                    CLOCK.instant());
            catalogue.addRecording(new RecordingEntry(sample.recordingId(), sample.callId(),
                    sample.spanId(), sample.objectKey(), sample.spanStartedAt(),
                    sample.spanEndedAt(), sample.plaintextBytes(), sample.ciphertextBytes(),
                    sample.ciphertextSha256(), sample.wrappedKey(), sample.storedAt(),
                    deadline));
            (deadline.equals(past) ? dueAdded : notDue).add(recordingId);
        }

        private RetentionSweep sweep(JdbcCatalogue catalogue, String claimant) {
            RecordingDisposal disposal = new RecordingDisposal(catalogue, storage,
                    audit, CLOCK);
            Catalogue asked = claiming ? catalogue : unclaimed(catalogue);
            return new RetentionSweep(asked, disposal, CLOCK, ZoneOffset.UTC, 5, claimant,
                    Duration.ofMinutes(5));
        }

        Map<String, Long> auditCount(String action) {
            return audit.entries.stream().filter(entry -> entry.action().equals(action))
                    .collect(Collectors.groupingBy(AuditEntry::recordingId, TreeMap::new,
                            Collectors.counting()));
        }

        Map<String, Long> receiptCount() {
            try (JdbcCatalogue catalogue = open(url)) {
                return catalogue.disposals().stream().collect(Collectors.groupingBy(
                        DisposalReceipt::recordingId, TreeMap::new, Collectors.counting()));
            }
        }

        void assertFutureRecordingsUntouched() {
            try (JdbcCatalogue catalogue = open(url)) {
                for (String id : notDue) {
                    RecordingEntry entry = catalogue.findRecording(id).orElseThrow(
                            () -> new AssertionError("recording " + id + " is gone"));
                    assertNotNull(entry.wrappedKey(), id);
                }
                assertEquals(List.of(), audit.entries.stream().map(AuditEntry::recordingId)
                        .filter(notDue::contains).toList());
                assertEquals(notDue.size(), catalogue.recordings().size());
            }
            assertTrue(notDue.size() >= SEEDED / 10, "too few recordings with a future deadline");
        }
    }

    private static JdbcCatalogue open(String url) {
        return new JdbcCatalogueProvider().create(ProviderConfig.of(Map.of(
                CatalogueSettings.URL, url, CatalogueSettings.USER, PostgresServer.USER,
                CatalogueSettings.PASSWORD, PostgresServer.PASSWORD), CLOCK),
                JdbcCatalogueTest.SEAL);
    }

    /**
     * The catalogue as a sweep without claims sees it: claiming is answered by the plain due
     * query, so sweeps over it all take the same batches.
     */
    private static Catalogue unclaimed(Catalogue catalogue) {
        return (Catalogue) Proxy.newProxyInstance(Catalogue.class.getClassLoader(),
                new Class<?>[] {Catalogue.class}, (proxy, method, args) -> {
                    if (method.getName().equals("claimDueForDisposal")) {
                        return catalogue.dueForDisposal((Instant) args[0], (Integer) args[1]);
                    }
                    try {
                        return method.invoke(catalogue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** An audit trail in memory that many threads append to. */
    private static final class MemoryAudit implements AuditSink {
        private final ConcurrentLinkedQueue<AuditEntry> entries = new ConcurrentLinkedQueue<>();

        @Override
        public void append(AuditEntry entry) {
            entries.add(entry);
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /**
     * Storage whose delete takes a millisecond, as a real store's would, and counts the deletes
     * of each key. The sweep only deletes.
     */
    private static final class SlowStorage implements StorageBackend {
        private final Map<String, Integer> deletes = new ConcurrentHashMap<>();

        @Override
        public boolean delete(ObjectKey key) throws IOException {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted deleting " + key.value(), e);
            }
            return deletes.merge(key.value(), 1, Integer::sum) == 1;
        }

        @Override
        public PendingObject create(ObjectKey key) {
            throw new UnsupportedOperationException("the sweep does not store");
        }

        @Override
        public InputStream open(ObjectKey key) {
            throw new UnsupportedOperationException("the sweep does not read");
        }

        @Override
        public boolean exists(ObjectKey key) {
            return !deletes.containsKey(key.value());
        }

        @Override
        public long size(ObjectKey key) {
            return -1;
        }

        @Override
        public List<ObjectKey> list(String prefix) {
            return List.of();
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
