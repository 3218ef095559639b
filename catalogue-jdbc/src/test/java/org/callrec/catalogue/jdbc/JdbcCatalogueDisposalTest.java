package org.callrec.catalogue.jdbc;

import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;
import static org.callrec.testkit.catalogue.CatalogueSamples.richCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.HoldKind;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.keys.WrappedKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.callrec.testkit.catalogue.CatalogueSamples;

/** Holds, disposal and subject access lookups on a real embedded H2 database (issue 3). */
@DisplayName("Clauses 4.2 and 4.4: holds, disposal receipts, sealed personal data")
class JdbcCatalogueDisposalTest {
    private static final Instant DEADLINE = Instant.parse("2025-06-02T10:22:30Z");

    @TempDir
    Path folder;

    private JdbcCatalogue catalogue;

    @BeforeEach
    void open() {
        catalogue = EmbeddedCatalogues.openIn(folder, Clock.systemUTC(), JdbcCatalogueTest.SEAL);
    }

    @AfterEach
    void close() {
        catalogue.close();
    }

    private RecordingEntry storedWithDeadline(String recordingId, String callId, byte[] key) {
        RecordingEntry sample = recording(recordingId, callId, at(12));
        RecordingEntry entry = new RecordingEntry(sample.recordingId(), sample.callId(),
                sample.spanId(), sample.objectKey(), sample.spanStartedAt(), sample.spanEndedAt(),
                sample.plaintextBytes(), sample.ciphertextBytes(), sample.ciphertextSha256(),
                new WrappedKey("kek-1", key), sample.storedAt(), null);
        catalogue.saveCall(richCall(callId));
        catalogue.addRecording(entry);
        catalogue.setRetentionDeadline(callId, DEADLINE);
        return catalogue.findRecording(recordingId).orElseThrow();
    }

    private static Hold hold(String holdId, String recordingId) {
        return new Hold(holdId, recordingId, HoldKind.COMPLAINT, "complaint about a repair",
                "CASE-77", LocalDate.of(2025, 9, 1), "manager-210",
                Instant.parse("2025-05-01T09:00:00Z"), null, null);
    }

    @Test
    void findsARecordingDueAtItsDeadlineAndNotANanosecondBefore() {
        storedWithDeadline("rec-1", "call-1", new byte[] {1, 2, 3});

        List<RecordingEntry> before = catalogue.dueForDisposal(DEADLINE.minusNanos(1), 10);
        List<RecordingEntry> at = catalogue.dueForDisposal(DEADLINE, 10);

        assertEquals(List.of(), before);
        assertEquals(List.of("rec-1"), at.stream().map(RecordingEntry::recordingId).toList());
    }

    @Test
    void neverOffersARecordingOfALiveCallForDisposal() {
        catalogue.addRecording(recording("rec-live", "call-live", at(12)));

        List<RecordingEntry> due = catalogue.dueForDisposal(Instant.MAX, 10);

        assertEquals(List.of(), due);
    }

    @Test
    void leavesAHeldRecordingOutOfTheDueListUntilItsHoldIsReleased() {
        storedWithDeadline("rec-1", "call-1", new byte[] {1, 2, 3});
        catalogue.placeHold(hold("hold-1", "rec-1"));

        List<RecordingEntry> whileHeld = catalogue.dueForDisposal(DEADLINE, 10);
        Hold released = catalogue.releaseHold("hold-1", "manager-210", DEADLINE);
        List<RecordingEntry> afterRelease = catalogue.dueForDisposal(DEADLINE, 10);

        assertEquals(List.of(), whileHeld);
        assertFalse(released.isActive());
        assertEquals(1, afterRelease.size());
    }

    @Test
    void readsBackAHoldWithItsReasonAndRefusesToReleaseItTwice() {
        storedWithDeadline("rec-1", "call-1", new byte[] {1, 2, 3});
        catalogue.placeHold(hold("hold-1", "rec-1"));
        catalogue.releaseHold("hold-1", "manager-210", DEADLINE);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> catalogue.releaseHold("hold-1", "manager-210", DEADLINE));

        assertEquals("complaint about a repair", catalogue.findHold("hold-1").orElseThrow()
                .reason());
        assertTrue(error.getMessage().contains("hold-1"), error.getMessage());
        assertTrue(error.getMessage().contains("not an active hold"), error.getMessage());
    }

    @Test
    void limitsTheDueListAndOrdersItByDeadline() {
        storedWithDeadline("rec-a", "call-a", new byte[] {1});
        storedWithDeadline("rec-b", "call-b", new byte[] {2});
        storedWithDeadline("rec-c", "call-c", new byte[] {3});

        List<RecordingEntry> due = catalogue.dueForDisposal(DEADLINE, 2);

        assertEquals(2, due.size());
    }

    @Test
    void refusesToRecordADisposalBeforeTheKeyIsDestroyed() {
        RecordingEntry entry = storedWithDeadline("rec-1", "call-1", new byte[] {1, 2, 3});

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> catalogue.recordDisposal(receipt(entry)));

        assertTrue(error.getMessage().contains("rec-1"), error.getMessage());
        assertTrue(catalogue.findRecording("rec-1").isPresent());
    }

    @Test
    void keepsAReceiptAndForgetsTheRecordingAndItsCallsPartiesOnDisposal() {
        RecordingEntry entry = storedWithDeadline("rec-1", "call-1", new byte[] {1, 2, 3});
        catalogue.addReference("call-1", "TEN-0042");

        catalogue.destroyWrappedKey("rec-1");
        catalogue.recordDisposal(receipt(entry));
        catalogue.recordDisposal(receipt(entry));

        assertTrue(catalogue.findRecording("rec-1").isEmpty());
        assertEquals(List.of(receipt(entry)), catalogue.disposals());
        assertEquals(List.of(), catalogue.findCall("call-1").orElseThrow().parties());
        assertEquals(Set.of(), catalogue.callsWithStaff("staff-2001"));
        assertEquals(Set.of(), catalogue.callsWithReference("TEN-0042"));
        assertEquals(Set.of(), catalogue.callsWithNumberIndex(
                JdbcCatalogueTest.SEAL.blindIndex(CatalogueSamples.CALLER_NUMBER)));
    }

    @Test
    void destroyingAKeyTwiceIsHarmlessAndLeavesNoKey() {
        storedWithDeadline("rec-1", "call-1", new byte[] {1, 2, 3});

        catalogue.destroyWrappedKey("rec-1");
        catalogue.destroyWrappedKey("rec-1");
        catalogue.destroyWrappedKey("rec-unknown");

        assertNull(catalogue.findRecording("rec-1").orElseThrow().wrappedKey());
    }

    @Test
    void findsCallsByNumberIndexStaffIdAndReference() {
        storedWithDeadline("rec-1", "call-1", new byte[] {1});
        storedWithDeadline("rec-2", "call-2", new byte[] {2});
        catalogue.addReference("call-2", "TEN-0042");
        catalogue.addReference("call-2", "TEN-0042");

        Set<String> byNumber = catalogue.callsWithNumberIndex(
                JdbcCatalogueTest.SEAL.blindIndex(CatalogueSamples.CALLER_NUMBER));
        Set<String> byOtherNumber = catalogue.callsWithNumberIndex(
                JdbcCatalogueTest.SEAL.blindIndex("+441632960124"));

        assertEquals(Set.of("call-1", "call-2"), byNumber);
        assertEquals(Set.of(), byOtherNumber);
        assertEquals(Set.of("call-1", "call-2"), catalogue.callsWithStaff("hr-7"));
        assertEquals(Set.of("call-2"), catalogue.callsWithReference("TEN-0042"));
        assertEquals(Set.of("TEN-0042"), catalogue.referencesOf("call-2"));
    }

    @Test
    void keepsNoNumberOrAddressInTheClearInTheDatabaseFile() throws IOException {
        storedWithDeadline("rec-1", "call-1", new byte[] {1});

        catalogue.compact();

        String bytes = databaseBytesAsLatin1();
        assertFalse(bytes.contains(CatalogueSamples.CALLER_NUMBER));
        assertFalse(bytes.contains("1632960"));
        assertFalse(bytes.contains("PJSIP"));
        assertEquals(CatalogueSamples.CALLER_NUMBER, reopened().findCall("call-1").orElseThrow()
                .parties().get(0).number());
    }

    @Test
    void leavesNoWrappedKeyBytesInTheDatabaseFileAfterDisposalAndCompaction()
            throws IOException {
        // Random bytes, so that no compression of the file can disguise them from the scan.
        byte[] key = new byte[48];
        new java.security.SecureRandom().nextBytes(key);
        RecordingEntry entry = storedWithDeadline("rec-1", "call-1", key);
        catalogue.compact();
        assertTrue(databaseBytesAsLatin1().contains(new String(key, StandardCharsets.ISO_8859_1)),
                "the key is in the file before disposal, so the scan can see it");
        catalogue = reopened();

        catalogue.destroyWrappedKey("rec-1");
        catalogue.recordDisposal(receipt(entry));
        catalogue.compact();

        assertFalse(databaseBytesAsLatin1().contains(
                new String(key, StandardCharsets.ISO_8859_1)));
    }

    private JdbcCatalogue reopened() {
        catalogue = EmbeddedCatalogues.openIn(folder, Clock.systemUTC(), JdbcCatalogueTest.SEAL);
        return catalogue;
    }

    private String databaseBytesAsLatin1() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private static DisposalReceipt receipt(RecordingEntry entry) {
        return new DisposalReceipt(entry.recordingId(), entry.callId(), DEADLINE,
                DEADLINE.plusSeconds(60), entry.ciphertextSha256(), true);
    }
}
