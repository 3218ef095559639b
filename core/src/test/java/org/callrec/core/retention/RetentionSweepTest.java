package org.callrec.core.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.callrec.core.vault.InMemoryCatalogue;
import org.callrec.core.vault.InMemoryStorageBackend;
import org.callrec.core.vault.LocalKeysetKeyProvider;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditWriteException;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.HoldKind;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Clauses 4.2 and 4.4: the sweep disposes at 90 days; holds keep on every path")
class RetentionSweepTest {
    private static final Instant CALL_END = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant DEADLINE = CALL_END.plus(Duration.ofDays(90));
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final StaffDirectory STAFF = address -> switch (address) {
        case "manager-210" -> Optional.of(new StaffMember("manager-210", Set.of(),
                Set.of("manager")));
        case "agent-202" -> Optional.of(new StaffMember("agent-202",
                Set.of("responsive-repairs"), Set.of()));
        default -> Optional.empty();
    };

    @TempDir
    Path temp;

    private InMemoryCatalogue catalogue;
    private InMemoryStorageBackend storage;
    private LocalKeysetKeyProvider keys;
    private RecordingVault vault;
    private RecordingAuditSink audit;

    @BeforeEach
    void open() throws IOException {
        catalogue = new InMemoryCatalogue();
        storage = new InMemoryStorageBackend();
        keys = new LocalKeysetKeyProvider(temp.resolve("keys/keyset.bin"));
        vault = new RecordingVault(storage, keys, catalogue, at(CALL_END));
        audit = new RecordingAuditSink();
    }

    @AfterEach
    void close() {
        keys.close();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private RecordingEntry storedEndingAt(String callId, Instant ended) throws IOException {
        RecordingEntry entry = vault.store(callId, callId + "-s1", ended.minusSeconds(60), ended,
                new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        catalogue.setRetentionDeadline(callId, ended.plus(Duration.ofDays(90)));
        return catalogue.findRecording(entry.recordingId()).orElseThrow();
    }

    private RetentionSweep sweepAt(Instant now) {
        return new RetentionSweep(catalogue, disposalAt(now), at(now), LONDON, 2);
    }

    private RecordingDisposal disposalAt(Instant now) {
        return new RecordingDisposal(catalogue, storage, audit, at(now));
    }

    private Holds holdsAt(Instant now) {
        return new Holds(catalogue, STAFF, Set.of("manager"), audit, at(now), LONDON);
    }

    @Test
    void keepsARecordingAt89Days23HoursAndDisposesOfItAt90Days() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);

        SweepReport early = sweepAt(CALL_END.plus(Duration.ofDays(89).plusHours(23)))
                .run(item -> { });
        boolean keptEarly = catalogue.findRecording(entry.recordingId()).isPresent();
        SweepReport due = sweepAt(CALL_END.plus(Duration.ofDays(90))).run(item -> { });

        assertEquals(List.of(), early.items());
        assertTrue(keptEarly);
        assertEquals(List.of(entry.recordingId()),
                due.items().stream().map(SweepItem::recordingId).toList());
        assertTrue(catalogue.findRecording(entry.recordingId()).isEmpty());
        assertFalse(storage.exists(entry.objectKey()));
    }

    @Test
    void leavesARecordingClaimedByAnotherNodesSweepUntilItsClaimRunsOut() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        Instant lease = DEADLINE.plus(Duration.ofMinutes(10));
        catalogue.claimDueForDisposal(DEADLINE, 10, "sweep-on-node-2", lease);

        SweepReport whileClaimed = sweepAt(DEADLINE.plusSeconds(1)).run(item -> { });
        SweepReport dryRun = sweepAt(DEADLINE.plusSeconds(1)).dryRun();
        SweepReport afterLease = sweepAt(lease).run(item -> { });

        assertEquals(List.of(), whileClaimed.items());
        assertEquals(List.of(entry.recordingId()),
                dryRun.items().stream().map(SweepItem::recordingId).toList());
        assertEquals(List.of(entry.recordingId()),
                afterLease.items().stream().map(SweepItem::recordingId).toList());
        assertTrue(catalogue.findRecording(entry.recordingId()).isEmpty());
    }

    @Test
    void resumesItsOwnClaimedBatchOnTheNextRunWhenTheLastStopped() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        RetentionSweep sweep = new RetentionSweep(catalogue, disposalAt(DEADLINE),
                at(DEADLINE), LONDON, 2, "sweep-on-node-1", Duration.ofMinutes(10));
        audit.failAppendNumber(1);

        SweepReport stopped = sweep.run(item -> { });
        SweepReport resumed = sweep.run(item -> { });

        assertTrue(stopped.failure().contains(entry.recordingId()), stopped.failure());
        assertEquals(List.of(entry.recordingId()),
                resumed.items().stream().map(SweepItem::recordingId).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void refusesABlankClaimantNamingTheRule(String claimant) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new RetentionSweep(catalogue, disposalAt(DEADLINE), at(DEADLINE), LONDON,
                        2, claimant, Duration.ofMinutes(10)));

        assertTrue(error.getMessage().contains("'" + claimant + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("1 to 128 characters"), error.getMessage());
    }

    @Test
    void refusesALeaseThatIsNotPositiveNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new RetentionSweep(catalogue, disposalAt(DEADLINE), at(DEADLINE), LONDON,
                        2, "sweep-1", Duration.ZERO));

        assertTrue(error.getMessage().contains("lease must be positive"), error.getMessage());
        assertTrue(error.getMessage().contains("PT0S"), error.getMessage());
    }

    @Test
    void neverTouchesARecordingOfALiveCall() throws IOException {
        RecordingEntry live = vault.store("call-live", "s1", CALL_END, CALL_END,
                new ByteArrayInputStream(new byte[] {1, 2, 3}));

        SweepReport report = sweepAt(Instant.parse("2999-01-01T00:00:00Z")).run(item -> { });

        assertEquals(List.of(), report.items());
        assertTrue(catalogue.findRecording(live.recordingId()).orElseThrow().wrappedKey()
                != null);
        assertTrue(storage.exists(live.objectKey()));
    }

    @Test
    void leavesNoKeyMaterialThroughTheCatalogueOrTheVaultAfterDisposal() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);

        sweepAt(DEADLINE).run(item -> { });

        DisposalReceipt receipt = catalogue.disposalOf(entry.recordingId()).orElseThrow();
        assertTrue(receipt.keyDestroyed());
        assertEquals(entry.ciphertextSha256(), receipt.ciphertextSha256());
        assertEquals(DEADLINE, receipt.deadline());
        assertTrue(catalogue.recordings().stream().allMatch(r -> r.wrappedKey() == null
                || !r.recordingId().equals(entry.recordingId())));
        assertThrows(org.callrec.core.vault.UnknownRecordingException.class,
                () -> vault.open(entry.recordingId()));
        assertEquals(List.of(AuditEntry.ACTION_KEY_DESTROYED,
                RecordingDisposal.ACTION_OBJECT_DELETED, AuditEntry.ACTION_DISPOSAL),
                audit.actions());
    }

    @Test
    void listsWhatWouldGoAndWhyInADryRunAndChangesNothing() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);

        SweepReport report = sweepAt(DEADLINE.plusSeconds(3600)).dryRun();

        assertTrue(report.dryRun());
        assertEquals(1, report.items().size());
        assertTrue(report.items().get(0).reason().contains("passed PT1H ago"),
                report.items().get(0).reason());
        assertTrue(report.items().get(0).reason().contains("clause 4.2"));
        assertTrue(catalogue.findRecording(entry.recordingId()).orElseThrow().wrappedKey()
                != null);
        assertEquals(List.of(), audit.entries);
    }

    @ParameterizedTest(name = "a crash before step {0} is completed by the next sweep")
    @ValueSource(ints = {1, 2, 3})
    void aSweepStoppedBeforeAnyStepIsCompletedByTheNextSweep(int step) throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        audit.failAppendNumber(step);

        SweepReport stopped = sweepAt(DEADLINE).run(item -> { });
        SweepReport resumed = sweepAt(DEADLINE).run(item -> { });

        assertFalse(stopped.isComplete());
        assertTrue(stopped.failure().contains(entry.recordingId()), stopped.failure());
        assertTrue(resumed.isComplete());
        assertTrue(catalogue.findRecording(entry.recordingId()).isEmpty());
        assertFalse(storage.exists(entry.objectKey()));
        assertTrue(catalogue.disposalOf(entry.recordingId()).orElseThrow().keyDestroyed());
    }

    @Test
    void keepsAKeyWhoseDestructionCouldNotBeAudited() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        audit.failAppendNumber(1);

        sweepAt(DEADLINE).run(item -> { });

        assertTrue(catalogue.findRecording(entry.recordingId()).orElseThrow().wrappedKey()
                != null);
    }

    @ParameterizedTest(name = "the {0} path refuses a held recording")
    @EnumSource(DeletionPath.class)
    void refusesAHeldRecordingOnEveryDeletionPath(DeletionPath path) throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        holdsAt(CALL_END).place("manager-210", entry.recordingId(), HoldKind.LEGAL,
                "claim expected", "LEGAL-9", LocalDate.of(2025, 12, 1));

        RecordingOnHoldException error = assertThrows(RecordingOnHoldException.class,
                () -> disposalAt(DEADLINE).dispose(entry.recordingId(), path, "someone"));

        assertTrue(error.getMessage().contains(entry.recordingId()), error.getMessage());
        assertTrue(error.getMessage().contains("clause 4.4"), error.getMessage());
        assertTrue(error.getMessage().contains(path.label()), error.getMessage());
        assertTrue(storage.exists(entry.objectKey()));
        assertTrue(catalogue.findRecording(entry.recordingId()).orElseThrow().wrappedKey()
                != null);
    }

    @Test
    void sweepKeepsAHeldRecordingPastItsDeadlineAndReportsIt() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        holdsAt(CALL_END).place("manager-210", entry.recordingId(), HoldKind.COMPLAINT,
                "complaint under way", "COMP-1", LocalDate.of(2025, 4, 1));

        SweepReport report = sweepAt(DEADLINE).run(item -> { });

        assertEquals(List.of(), report.items());
        assertTrue(storage.exists(entry.objectKey()));
        assertEquals(1, report.heldPastDeadline().size());
        assertEquals(1, report.overdueHolds().size(), "review date 2025-04-01 has passed");
    }

    @Test
    void disposesOfARecordingOnceItsHoldIsReleased() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        Holds holds = holdsAt(CALL_END);
        String holdId = holds.place("manager-210", entry.recordingId(), HoldKind.INVESTIGATION,
                "abuse of staff", "INV-3", LocalDate.of(2025, 12, 1)).holdId();

        holds.release("manager-210", holdId);
        SweepReport report = sweepAt(DEADLINE).run(item -> { });

        assertEquals(1, report.items().size());
        assertEquals(List.of(AuditEntry.ACTION_HOLD_PLACED, AuditEntry.ACTION_HOLD_RELEASED),
                audit.actions().subList(0, 2));
    }

    @Test
    void refusesAHoldFromStaffWithoutAnAuthorisedRoleNamingTheRule() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);

        HoldNotAuthorisedException error = assertThrows(HoldNotAuthorisedException.class,
                () -> holdsAt(CALL_END).place("agent-202", entry.recordingId(),
                        HoldKind.COMPLAINT, "r", "C-1", LocalDate.of(2025, 12, 1)));

        assertTrue(error.getMessage().contains("agent-202"), error.getMessage());
        assertTrue(error.getMessage().contains("[manager]"), error.getMessage());
        assertTrue(error.getMessage().contains("4.4"), error.getMessage());
        assertEquals(List.of(), catalogue.activeHolds());
        assertEquals(List.of(), audit.entries);
    }

    @Test
    void refusesToReleaseAHoldForStaffWithoutAnAuthorisedRole() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        String holdId = holdsAt(CALL_END).place("manager-210", entry.recordingId(),
                HoldKind.COMPLAINT, "r", "C-1", LocalDate.of(2025, 12, 1)).holdId();

        assertThrows(HoldNotAuthorisedException.class,
                () -> holdsAt(CALL_END).release("unknown-9", holdId));

        assertTrue(catalogue.findHold(holdId).orElseThrow().isActive());
    }

    @Test
    void placesNoHoldWhoseAuditEntryCannotBeWritten() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        audit.failAppendNumber(1);

        assertThrows(AuditWriteException.class, () -> holdsAt(CALL_END).place("manager-210",
                entry.recordingId(), HoldKind.COMPLAINT, "r", "C-1", LocalDate.of(2025, 12, 1)));

        assertEquals(List.of(), catalogue.activeHolds());
    }

    @Test
    void reportsAHoldPastItsReviewDateInThePolicysTimeZone() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        holdsAt(CALL_END).place("manager-210", entry.recordingId(), HoldKind.COMPLAINT, "r",
                "C-1", LocalDate.of(2025, 3, 10));

        List<?> onTheDay = holdsAt(Instant.parse("2025-03-10T22:59:59Z")).overdue();
        List<?> dayAfter = holdsAt(Instant.parse("2025-03-11T00:00:00Z")).overdue();

        assertEquals(List.of(), onTheDay);
        assertEquals(1, dayAfter.size());
    }

    @Test
    void finishesADisposalWhoseKeyWasAlreadyDestroyedEvenIfAskedAgain() throws IOException {
        RecordingEntry entry = storedEndingAt("call-1", CALL_END);
        catalogue.destroyWrappedKey(entry.recordingId());

        DisposalReceipt receipt = disposalAt(DEADLINE).dispose(entry.recordingId(),
                DeletionPath.MANUAL, "manager-210");
        DisposalReceipt again = disposalAt(DEADLINE).dispose(entry.recordingId(),
                DeletionPath.MANUAL, "manager-210");

        assertEquals(receipt, again);
        assertNull(catalogue.findRecording(entry.recordingId()).orElse(null));
    }
}
