package org.callrec.catalogue.jdbc;

import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.bareCall;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;
import static org.callrec.testkit.catalogue.CatalogueSamples.richCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.callrec.testkit.catalogue.CatalogueSamples;

/** The catalogue on a real embedded H2 database in file mode, in a temporary folder. */
class JdbcCatalogueTest {
    static final TestSeal SEAL = new TestSeal();

    @TempDir
    Path folder;

    private JdbcCatalogue catalogue;

    @BeforeEach
    void open() {
        catalogue = openOn(folder);
    }

    @AfterEach
    void close() {
        catalogue.close();
    }

    private static JdbcCatalogue openOn(Path folder) {
        ProviderConfig config = ProviderConfig.of(Map.of("directory", folder.toString()),
                Clock.systemUTC());
        return new JdbcCatalogueProvider().create(config, SEAL);
    }

    private long countRows(String table, String callId) throws SQLException {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().normalize().resolve("catalogue");
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE call_id = ?")) {
            count.setString(1, callId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Nested
    class CallRecords {
        @Test
        void sampleUsesEveryKindOfEvent() {
            Set<CallEventType> used = CatalogueSamples.everyKindOfEvent("call-1").stream()
                    .map(CallEvent::type).collect(Collectors.toSet());

            assertEquals(EnumSet.allOf(CallEventType.class), used);
        }

        @Test
        void readsBackAFullyPopulatedCallExactly() {
            CallRecord call = richCall("call-1");

            catalogue.saveCall(call);
            CallRecord read = catalogue.findCall("call-1").orElseThrow();

            assertEquals(call, read);
            assertEquals(call.events(), read.events());
            assertEquals(call.decisions().get(0).commands(), read.decisions().get(0).commands());
            assertEquals(List.of("4.3", "3.2", "4.4"), read.decisions().get(0).clauses());
            assertEquals(123_456_789 + 1, read.decisions().get(0).at().getNano());
        }

        @Test
        void keepsNullAndEmptyFieldsApart() {
            catalogue.saveCall(richCall("call-1"));

            CallRecord read = catalogue.findCall("call-1").orElseThrow();

            CallEvent failed = read.events().stream()
                    .filter(e -> e.type() == CallEventType.RECORDER_FAILED).findFirst()
                    .orElseThrow();
            assertNull(failed.at());
            assertEquals("", failed.detail());
            assertNull(failed.source());
            assertEquals("", read.evidence().get(2).detail());
            assertNull(read.evidence().get(1).detail());
        }

        @Test
        void readsBackABareCall() {
            CallRecord bare = bareCall("call-bare", null);

            catalogue.saveCall(bare);

            assertEquals(Optional.of(bare), catalogue.findCall("call-bare"));
        }

        @Test
        void findsNothingForAnUncataloguedCall() {
            assertEquals(Optional.empty(), catalogue.findCall("call-unknown"));
        }

        @Test
        void replacesChildrenWhenACallIsSavedAgain() throws SQLException {
            catalogue.saveCall(richCall("call-1"));
            CallRecord ended = new CallRecord("call-1", null, Set.of("income"),
                    richCall("call-1").parties().subList(0, 1), List.of(), Set.of(),
                    "legitimate-interests", "2", at(0), at(5), List.of(), List.of(),
                    List.of());

            catalogue.saveCall(richCall("call-1"));
            catalogue.saveCall(ended);

            assertEquals(Optional.of(ended), catalogue.findCall("call-1"));
            assertEquals(1, countRows("call_parties", "call-1"));
            assertEquals(0, countRows("call_events", "call-1"));
            assertEquals(0, countRows("decision_commands", "call-1"));
            assertEquals(1, countRows("calls", "call-1"));
        }

        @Test
        void savingTheSameCallTwiceDoesNotDuplicateIt() throws SQLException {
            CallRecord call = richCall("call-1");

            catalogue.saveCall(call);
            catalogue.saveCall(call);

            assertEquals(List.of(call), catalogue.calls());
            assertEquals(call.parties().size(), countRows("call_parties", "call-1"));
            assertEquals(call.events().size(), countRows("call_events", "call-1"));
        }

        @Test
        void listsCallsOldestFirstWithUnstartedCallsLast() {
            catalogue.saveCall(bareCall("call-c", at(2)));
            catalogue.saveCall(bareCall("call-a", null));
            catalogue.saveCall(bareCall("call-b", at(1)));
            catalogue.saveCall(bareCall("call-0", at(2)));

            List<String> ids = catalogue.calls().stream().map(CallRecord::callId).toList();

            assertEquals(List.of("call-b", "call-0", "call-c", "call-a"), ids);
        }

        @Test
        void keepsInstantsOutsideTheRangeOfOneNanosecondCount() {
            CallRecord call = bareCall("call-far", Instant.parse("1500-01-01T00:00:00.000000001Z"));

            catalogue.saveCall(call);

            assertEquals(Optional.of(call), catalogue.findCall("call-far"));
        }

        @Test
        void refusesAHostileCallIdNamingTheRule() {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> catalogue.findCall("x'; DROP TABLE calls; --"));

            assertTrue(error.getMessage().contains("x'; DROP TABLE calls"), error.getMessage());
            assertTrue(error.getMessage().contains("must be 1 to 96"), error.getMessage());
        }
    }

    @Nested
    class Recordings {
        @Test
        void readsBackARecordingExactly() {
            RecordingEntry entry = recording("rec-1", "call-1", at(12));

            catalogue.addRecording(entry);

            assertEquals(Optional.of(entry), catalogue.findRecording("rec-1"));
            assertEquals(entry.wrappedKey(), catalogue.findRecording("rec-1").get().wrappedKey());
        }

        @Test
        void readsBackARecordingWhoseKeyWasDestroyed() {
            RecordingEntry base = recording("rec-1", "call-1", at(12));
            RecordingEntry shredded = new RecordingEntry("rec-1", "call-1", "span-1",
                    base.objectKey(), base.spanStartedAt(), base.spanEndedAt(), 0, 0,
                    base.ciphertextSha256(), null, base.storedAt(), null);

            catalogue.addRecording(shredded);

            assertNull(catalogue.findRecording("rec-1").orElseThrow().wrappedKey());
            assertEquals(Optional.of(shredded), catalogue.findRecording("rec-1"));
        }

        @Test
        void refusesADuplicateRecordingIdNamingIt() {
            catalogue.addRecording(recording("rec-dup", "call-1", at(12)));

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> catalogue.addRecording(recording("rec-dup", "call-2", at(13))));

            assertTrue(error.getMessage().contains("rec-dup"), error.getMessage());
            assertTrue(error.getMessage().contains("added once"), error.getMessage());
            assertEquals("call-1", catalogue.findRecording("rec-dup").orElseThrow().callId());
        }

        @Test
        void listsRecordingsOldestFirstThenById() {
            catalogue.addRecording(recording("rec-c", "call-1", at(30)));
            catalogue.addRecording(recording("rec-b", "call-2", at(10)));
            catalogue.addRecording(recording("rec-a", "call-1", at(30)));

            List<String> ids = catalogue.recordings().stream()
                    .map(RecordingEntry::recordingId).toList();

            assertEquals(List.of("rec-b", "rec-a", "rec-c"), ids);
        }

        @Test
        void listsTheRecordingsOfOneCallInSpanOrder() {
            RecordingEntry base = recording("rec-x", "call-1", at(1));
            catalogue.addRecording(span(base, "rec-2", "span-2", at(500)));
            catalogue.addRecording(span(base, "rec-1", "span-1", at(400)));
            catalogue.addRecording(recording("rec-other", "call-2", at(1)));

            List<String> ids = catalogue.recordingsOfCall("call-1").stream()
                    .map(RecordingEntry::recordingId).toList();

            assertEquals(List.of("rec-1", "rec-2"), ids);
        }

        private RecordingEntry span(RecordingEntry base, String id, String spanId,
                Instant started) {
            return new RecordingEntry(id, base.callId(), spanId, base.objectKey(), started,
                    started.plusSeconds(1), 1, 2, base.ciphertextSha256(), base.wrappedKey(),
                    base.storedAt(), null);
        }

        @Test
        void findsNoRecordingForAnUnknownId() {
            assertEquals(Optional.empty(), catalogue.findRecording("rec-unknown"));
        }

        @Test
        void keepsEveryRecordingAddedFromFourThreadsAtOnce() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int t = thread;
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 50; i++) {
                        catalogue.addRecording(recording("rec-" + t + "-" + i, "call-" + t,
                                at(i)));
                    }
                    return null;
                }));
            }

            go.countDown();
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();

            assertEquals(200, catalogue.recordings().size());
            for (int t = 0; t < 4; t++) {
                assertEquals(50, catalogue.recordingsOfCall("call-" + t).size());
            }
        }
    }

    @Nested
    @DisplayName("Retention deadlines are written once (clause 4.2)")
    class RetentionDeadlines {
        private final Instant deadline = Instant.parse("2025-06-02T10:22:30.123456789Z");

        @Test
        void hasNoDeadlineWhileTheCallIsLive() {
            catalogue.addRecording(recording("rec-1", "call-1", at(12)));

            assertEquals(Optional.empty(), catalogue.retentionDeadline("call-1"));
            assertTrue(catalogue.findRecording("rec-1").orElseThrow().isOfLiveCall());
        }

        @Test
        void appliesTheDeadlineToRecordingsAlreadyAdded() {
            catalogue.addRecording(recording("rec-1", "call-1", at(12)));

            catalogue.setRetentionDeadline("call-1", deadline);

            assertEquals(deadline, catalogue.findRecording("rec-1").get().retentionDeadline());
            assertEquals(deadline, catalogue.recordings().get(0).retentionDeadline());
            assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
        }

        @Test
        void appliesADeadlineSetBeforeRecordingsAreAdded() {
            catalogue.setRetentionDeadline("call-1", deadline);

            catalogue.addRecording(recording("rec-1", "call-1", at(12)));
            catalogue.addRecording(recording("rec-2", "call-1", at(13)));

            for (RecordingEntry entry : catalogue.recordingsOfCall("call-1")) {
                assertEquals(deadline, entry.retentionDeadline(), entry.recordingId());
            }
        }

        @Test
        void acceptsTheSameDeadlineAgain() {
            catalogue.setRetentionDeadline("call-1", deadline);

            catalogue.setRetentionDeadline("call-1", Instant.parse(deadline.toString()));

            assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
        }

        @Test
        void refusesADifferentDeadlineAndKeepsTheFirst() {
            catalogue.setRetentionDeadline("call-1", deadline);
            Instant later = deadline.plusNanos(1);

            RetentionDeadlineAlreadySetException error = assertThrows(
                    RetentionDeadlineAlreadySetException.class,
                    () -> catalogue.setRetentionDeadline("call-1", later));

            assertTrue(error.getMessage().contains("call-1"), error.getMessage());
            assertTrue(error.getMessage().contains(later.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("written once"), error.getMessage());
            assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
        }

        @Test
        void writesTheDeadlineARecordingCarries() {
            RecordingEntry entry = recording("rec-1", "call-1", at(12))
                    .withRetentionDeadline(deadline);

            catalogue.addRecording(entry);

            assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
            assertEquals(Optional.of(entry), catalogue.findRecording("rec-1"));
        }

        @Test
        void refusesARecordingWhoseDeadlineDiffersFromItsCallsAndAddsNothing() {
            catalogue.setRetentionDeadline("call-1", deadline);
            RecordingEntry entry = recording("rec-1", "call-1", at(12))
                    .withRetentionDeadline(deadline.plusSeconds(1));

            assertThrows(RetentionDeadlineAlreadySetException.class,
                    () -> catalogue.addRecording(entry));

            assertEquals(Optional.empty(), catalogue.findRecording("rec-1"));
            assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
        }

        @Test
        void keepsExactlyOneDeadlineWhenEightWritersRace() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Instant mine = deadline.plusSeconds(i);
                Callable<Boolean> writer = () -> {
                    go.await();
                    try {
                        catalogue.setRetentionDeadline("call-race", mine);
                        return true;
                    } catch (RetentionDeadlineAlreadySetException refused) {
                        return false;
                    }
                };
                outcomes.add(threads.submit(writer));
            }

            go.countDown();
            long winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            threads.shutdown();

            assertEquals(1, winners);
            assertTrue(catalogue.retentionDeadline("call-race").isPresent());
        }
    }

    @Nested
    class Persistence {
        @Test
        void keepsEverythingAfterCloseAndReopen() {
            CallRecord call = richCall("call-1");
            RecordingEntry entry = recording("rec-1", "call-1", at(12));
            Instant deadline = Instant.parse("2025-06-02T10:22:30.000000001Z");
            catalogue.saveCall(call);
            catalogue.addRecording(entry);
            catalogue.setRetentionDeadline("call-1", deadline);

            catalogue.close();
            catalogue = openOn(folder);

            assertEquals(Optional.of(call), catalogue.findCall("call-1"));
            assertEquals(Optional.of(entry.withRetentionDeadline(deadline)),
                    catalogue.findRecording("rec-1"));
        }

        @Test
        void firstSavesOfOneCallFromManyThreadsLeaveOneWholeRecord() throws Exception {
            CallRecord call = richCall("call-1");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                done.add(threads.submit(() -> {
                    go.await();
                    catalogue.saveCall(call);
                    return null;
                }));
            }

            go.countDown();
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();

            assertEquals(List.of(call), catalogue.calls());
            assertEquals(call.events().size(), countRows("call_events", "call-1"));
        }

        @Test
        void reportsTheSchemaVersionAfterMigration() {
            assertEquals("55", catalogue.schemaVersion());
        }

        @Test
        void recordsEachMigrationInTheHistoryOfAFreshDatabase() throws SQLException {
            String url = "jdbc:h2:file:" + folder.toAbsolutePath().normalize()
                    .resolve("catalogue");
            List<String> applied = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(url);
                    ResultSet row = connection.createStatement().executeQuery(
                            "SELECT \"version\", \"description\", \"success\""
                                    + " FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'"
                                    + " ORDER BY \"installed_rank\"")) {
                while (row.next()) {
                    assertTrue(row.getBoolean("success"), row.getString("version"));
                    applied.add(row.getString("version") + " " + row.getString("description"));
                }
            }

            assertEquals(List.of("1 calls", "2 recordings", "3 wrapped key bytes", "10 grants",
                    "20 holds disposal and subject access", "30 disposal claims",
                    "55 sweep scales with what is due"), applied);
        }
    }

    @Nested
    @DisplayName("No personal data in logs or descriptions")
    class PersonalData {
        @Test
        void logsNoNumberOrAddressWhenSavingAndReading() {
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                catalogue.saveCall(richCall("call-1"));
                catalogue.findCall("call-1");
                catalogue.addRecording(recording("rec-1", "call-1", at(12)));
            } finally {
                System.setErr(original);
            }

            String log = captured.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("call-1"), "the writes are logged by id: " + log);
            assertFalse(log.contains(CatalogueSamples.CALLER_NUMBER), log);
            assertFalse(log.contains("441632960"), log);
            assertFalse(log.contains("PJSIP"), log);
        }

        @Test
        void describesItselfWithoutCredentials() {
            String text = catalogue.toString();

            assertTrue(text.contains("jdbc:h2:file:"), text);
            assertTrue(text.contains("schema " + catalogue.schemaVersion()), text);
            assertNotNull(catalogue.schemaVersion());
        }
    }
}
