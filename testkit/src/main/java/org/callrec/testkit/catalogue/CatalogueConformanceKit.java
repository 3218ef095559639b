package org.callrec.testkit.catalogue;

import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.bareCall;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;
import static org.callrec.testkit.catalogue.CatalogueSamples.richCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.HoldKind;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link Catalogue} that every catalogue keeps: exact round trips of calls and
 * recordings, recording ids added once, a retention deadline written once, due recordings
 * claimed by one sweeper at a time, and all of it under writers racing from many threads. A
 * catalogue's JUnit 5 test extends this class and says how to open a fresh, empty catalogue.
 */
public abstract class CatalogueConformanceKit {
    /** The catalogue under test; opened before each test and closed after it. */
    protected Catalogue catalogue;

    private final Instant deadline = CatalogueSamples.START.plus(Duration.ofDays(90));

    /** Creates the kit; a subclass says how to open the catalogue. */
    protected CatalogueConformanceKit() {
        // State is opened per test, in openTheCatalogue.
    }

    /** Opens a fresh, empty catalogue for one test. */
    protected abstract Catalogue openCatalogue();

    /** Opens the catalogue under test before each test. */
    @BeforeEach
    protected void openTheCatalogue() {
        catalogue = openCatalogue();
    }

    /** Closes the catalogue under test after each test. */
    @AfterEach
    protected void closeTheCatalogue() {
        catalogue.close();
    }

    /** A call with every field in use reads back equal, to the nanosecond. */
    @Test
    protected void readsBackAFullyPopulatedCallExactly() {
        CallRecord call = richCall("call-1");

        catalogue.saveCall(call);
        CallRecord read = catalogue.findCall("call-1").orElseThrow();

        assertEquals(call, read);
        assertEquals(call.events(), read.events());
        assertEquals(call.decisions(), read.decisions());
        assertEquals(call.directoryAnswers(), read.directoryAnswers());
    }

    /** A call with the least a record allows reads back equal. */
    @Test
    protected void readsBackABareCall() {
        CallRecord call = bareCall("call-bare", null);

        catalogue.saveCall(call);

        assertEquals(Optional.of(call), catalogue.findCall("call-bare"));
    }

    /** Saving a call again replaces it; it is never listed twice. */
    @Test
    protected void keepsOneRecordOfACallSavedTwice() {
        catalogue.saveCall(bareCall("call-1", at(1)));

        catalogue.saveCall(richCall("call-1"));

        assertEquals(List.of(richCall("call-1")), catalogue.calls());
    }

    /** An uncatalogued call or recording is simply absent. */
    @Test
    protected void findsNothingForUnknownIds() {
        assertEquals(Optional.empty(), catalogue.findCall("call-unknown"));
        assertEquals(Optional.empty(), catalogue.findRecording("rec-unknown"));
        assertEquals(Optional.empty(), catalogue.retentionDeadline("call-unknown"));
    }

    /** A recording reads back equal, wrapped key included. */
    @Test
    protected void readsBackARecordingExactly() {
        RecordingEntry entry = recording("rec-1", "call-1", at(12));

        catalogue.addRecording(entry);

        assertEquals(Optional.of(entry), catalogue.findRecording("rec-1"));
        assertEquals(entry.wrappedKey(), catalogue.findRecording("rec-1").get().wrappedKey());
    }

    /** A recording id is added once; a duplicate is refused naming it, and the first kept. */
    @Test
    protected void refusesADuplicateRecordingIdNamingIt() {
        catalogue.addRecording(recording("rec-dup", "call-1", at(12)));

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> catalogue.addRecording(recording("rec-dup", "call-2", at(13))));

        assertTrue(error.getMessage().contains("rec-dup"), error.getMessage());
        assertEquals("call-1", catalogue.findRecording("rec-dup").orElseThrow().callId());
        assertEquals(1, catalogue.recordings().size());
    }

    /** A call's recordings are listed in span order. */
    @Test
    protected void listsTheRecordingsOfOneCallInSpanOrder() {
        RecordingEntry base = recording("rec-b", "call-1", at(12));
        RecordingEntry later = new RecordingEntry("rec-a", "call-1", "span-2",
                base.objectKey(), at(500), at(600), 1, 1, base.ciphertextSha256(),
                base.wrappedKey(), at(13), null);
        catalogue.addRecording(later);
        catalogue.addRecording(base);
        catalogue.addRecording(recording("rec-other", "call-2", at(14)));

        List<RecordingEntry> ofCall = catalogue.recordingsOfCall("call-1");

        assertEquals(List.of(base, later), ofCall);
    }

    /** A live call's recordings have no deadline. */
    @Test
    protected void hasNoDeadlineWhileTheCallIsLive() {
        catalogue.addRecording(recording("rec-1", "call-1", at(12)));

        assertEquals(Optional.empty(), catalogue.retentionDeadline("call-1"));
        assertTrue(catalogue.findRecording("rec-1").orElseThrow().isOfLiveCall());
    }

    /** The deadline reaches recordings added before and after it was set. */
    @Test
    protected void appliesTheDeadlineToRecordingsAddedBeforeAndAfter() {
        catalogue.addRecording(recording("rec-1", "call-1", at(12)));

        catalogue.setRetentionDeadline("call-1", deadline);
        catalogue.addRecording(recording("rec-2", "call-1", at(13)));

        assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
        assertEquals(deadline, catalogue.findRecording("rec-1").orElseThrow()
                .retentionDeadline());
        assertEquals(deadline, catalogue.findRecording("rec-2").orElseThrow()
                .retentionDeadline());
    }

    /** The deadline is written once: the same again is a no-op, a different one refused. */
    @Test
    protected void writesTheDeadlineOnce() {
        catalogue.setRetentionDeadline("call-1", deadline);
        catalogue.setRetentionDeadline("call-1", deadline);
        Instant later = deadline.plusNanos(1);

        RetentionDeadlineAlreadySetException error = assertThrows(
                RetentionDeadlineAlreadySetException.class,
                () -> catalogue.setRetentionDeadline("call-1", later));

        assertTrue(error.getMessage().contains("call-1"), error.getMessage());
        assertTrue(error.getMessage().contains(later.toString()), error.getMessage());
        assertEquals(Optional.of(deadline), catalogue.retentionDeadline("call-1"));
    }

    /** Of eight writers racing to set a call's deadline, exactly one wins. */
    @Test
    protected void keepsExactlyOneDeadlineWhenEightWritersRace() throws Exception {
        List<Boolean> outcomes = race(8, i -> {
            try {
                catalogue.setRetentionDeadline("call-race", deadline.plusSeconds(i));
                return true;
            } catch (RetentionDeadlineAlreadySetException refused) {
                return false;
            }
        });

        assertEquals(1, outcomes.stream().filter(won -> won).count());
        assertTrue(catalogue.retentionDeadline("call-race").isPresent());
    }

    /** Of eight writers racing to add one recording id, exactly one wins. */
    @Test
    protected void addsARecordingIdOnceWhenEightWritersRace() throws Exception {
        List<Boolean> outcomes = race(8, i -> {
            try {
                catalogue.addRecording(recording("rec-race", "call-" + i, at(i)));
                return true;
            } catch (IllegalStateException refused) {
                return false;
            }
        });

        assertEquals(1, outcomes.stream().filter(won -> won).count());
        assertEquals(1, catalogue.recordings().size());
    }

    /** Recordings added from eight threads at once are all kept. */
    @Test
    protected void keepsEveryRecordingAddedFromEightThreadsAtOnce() throws Exception {
        race(8, i -> {
            for (int n = 0; n < 20; n++) {
                catalogue.addRecording(recording("rec-" + i + "-" + n, "call-" + i, at(n)));
            }
            return true;
        });

        Set<String> ids = new HashSet<>();
        catalogue.recordings().forEach(r -> ids.add(r.recordingId()));
        assertEquals(160, ids.size());
        assertEquals(160, catalogue.recordings().size());
    }

    /** A call saved from eight threads at once is kept as one whole record. */
    @Test
    protected void keepsOneWholeRecordWhenACallIsSavedFromEightThreads() throws Exception {
        CallRecord call = richCall("call-many");

        race(8, i -> {
            catalogue.saveCall(call);
            return true;
        });

        assertEquals(List.of(call), catalogue.calls());
    }

    /** A due recording claimed by one sweeper is skipped by another while the claim runs. */
    @Test
    protected void claimsADueRecordingForOneSweeperWhileItsClaimRuns() {
        addDue("rec-1", "call-1");
        Instant until = deadline.plus(Duration.ofMinutes(10));

        List<RecordingEntry> first = catalogue.claimDueForDisposal(deadline, 10, "sweep-a", until);
        List<RecordingEntry> other = catalogue.claimDueForDisposal(deadline.plusSeconds(1), 10,
                "sweep-b", until.plusSeconds(1));
        List<RecordingEntry> again = catalogue.claimDueForDisposal(deadline.plusSeconds(2), 10,
                "sweep-a", until.plusSeconds(2));

        assertEquals(List.of("rec-1"), ids(first));
        assertEquals(List.of(), other);
        assertEquals(List.of("rec-1"), ids(again));
        assertEquals(List.of("rec-1"), ids(catalogue.dueForDisposal(deadline, 10)));
    }

    /** A claim that ran out is taken by another sweeper: a stopped sweeper's work is finished. */
    @Test
    protected void letsAnotherSweeperTakeARecordingWhoseClaimRanOut() {
        addDue("rec-1", "call-1");
        Instant until = deadline.plus(Duration.ofMinutes(10));
        catalogue.claimDueForDisposal(deadline, 10, "sweep-a", until);

        List<RecordingEntry> beforeExpiry = catalogue.claimDueForDisposal(until.minusNanos(1), 10,
                "sweep-b", until.plus(Duration.ofMinutes(10)));
        List<RecordingEntry> atExpiry = catalogue.claimDueForDisposal(until, 10, "sweep-b",
                until.plus(Duration.ofMinutes(10)));
        List<RecordingEntry> byTheFirst = catalogue.claimDueForDisposal(until.plusSeconds(1), 10,
                "sweep-a", until.plus(Duration.ofMinutes(20)));

        assertEquals(List.of(), beforeExpiry);
        assertEquals(List.of("rec-1"), ids(atExpiry));
        assertEquals(List.of(), byTheFirst);
    }

    /** Released claims are taken by another sweeper at once; others' claims stay. */
    @Test
    protected void letsAnotherSweeperTakeReleasedClaimsAtOnce() {
        addDue("rec-1", "call-1");
        addDue("rec-2", "call-2");
        Instant until = deadline.plus(Duration.ofMinutes(10));
        catalogue.claimDueForDisposal(deadline, 1, "sweep-a", until);
        catalogue.claimDueForDisposal(deadline, 1, "sweep-b", until);

        catalogue.releaseClaims("sweep-a");
        catalogue.releaseClaims("sweep-nobody");
        List<RecordingEntry> taken = catalogue.claimDueForDisposal(deadline, 10, "sweep-c",
                until);

        assertEquals(List.of("rec-1"), ids(taken));
    }

    /** Claims take what is due and not held, earliest deadline first, up to the limit. */
    @Test
    protected void claimsOnlyUnheldDueRecordingsEarliestFirstUpToTheLimit() {
        addDue("rec-late", "call-late");
        catalogue.addRecording(withDeadline(recording("rec-early", "call-early", at(1)),
                deadline.minusSeconds(60)));
        catalogue.addRecording(withDeadline(recording("rec-future", "call-future", at(2)),
                deadline.plusNanos(1)));
        addDue("rec-held", "call-held");
        catalogue.placeHold(new Hold("hold-1", "rec-held", HoldKind.LEGAL, "a claim is pending",
                "CASE-1", deadline.atZone(ZoneOffset.UTC).toLocalDate().plusDays(30),
                "staff-9", deadline, null, null));

        List<RecordingEntry> claimed = catalogue.claimDueForDisposal(deadline, 1, "sweep-a",
                deadline.plusSeconds(600));
        List<RecordingEntry> rest = catalogue.claimDueForDisposal(deadline, 10, "sweep-b",
                deadline.plusSeconds(600));

        assertEquals(List.of("rec-early"), ids(claimed));
        assertEquals(List.of("rec-late"), ids(rest));
    }

    /**
     * Eight sweepers claiming small batches at once take every due recording, and none twice.
     */
    @Test
    protected void claimsEveryDueRecordingForExactlyOneOfEightRacingSweepers() throws Exception {
        for (int n = 0; n < 60; n++) {
            addDue("rec-" + n, "call-" + n);
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();

        race(8, i -> {
            // A claimant is given its own claims again, so each batch is claimed under a name
            // of its own, as if by a sweeper that claims once.
            List<RecordingEntry> batch;
            int n = 0;
            do {
                batch = catalogue.claimDueForDisposal(deadline, 3, "sweep-" + i + "-" + n++,
                        deadline.plusSeconds(600));
                batch.forEach(entry -> claimed.add(entry.recordingId()));
            } while (!batch.isEmpty() && n < 100);
            return true;
        });

        assertEquals(60, new HashSet<>(claimed).size());
        assertEquals(60, claimed.size());
    }

    private void addDue(String recordingId, String callId) {
        catalogue.addRecording(withDeadline(recording(recordingId, callId, at(1)), deadline));
    }

    private static RecordingEntry withDeadline(RecordingEntry entry, Instant deadline) {
        return new RecordingEntry(entry.recordingId(), entry.callId(), entry.spanId(),
                entry.objectKey(), entry.spanStartedAt(), entry.spanEndedAt(),
                entry.plaintextBytes(), entry.ciphertextBytes(), entry.ciphertextSha256(),
                entry.wrappedKey(), entry.storedAt(), deadline);
    }

    private static List<String> ids(List<RecordingEntry> entries) {
        return entries.stream().map(RecordingEntry::recordingId).toList();
    }

    /** One racing writer's work, given its index. */
    @FunctionalInterface
    protected interface Writer {
        /** Does the work and says whether it won. */
        boolean write(int index) throws Exception;
    }

    /** Starts {@code threads} writers at once and returns what each said, in order. */
    protected List<Boolean> race(int threads, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Boolean>) () -> {
                    go.await();
                    return writer.write(index);
                }));
            }
            go.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
