package org.callrec.catalogue.jdbc;

import static org.callrec.testkit.catalogue.CatalogueSamples.CALLER_NUMBER;
import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.bareCall;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;
import static org.callrec.testkit.catalogue.CatalogueSamples.richCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.RecordingEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcCatalogue#importAll}: many calls and recordings in one batch, or none. */
class JdbcCatalogueImportTest {
    private static final TestSeal SEAL = new TestSeal();
    private static final Instant DEADLINE = Instant.parse("2025-06-02T10:15:30Z");

    @TempDir
    Path folder;

    private JdbcCatalogue catalogue;

    @BeforeEach
    void open() {
        catalogue = EmbeddedCatalogues.openIn(folder, Clock.systemUTC(), SEAL);
    }

    @AfterEach
    void close() {
        catalogue.close();
    }

    @Test
    void importedCallsAndRecordingsReadBackAsSavedOnesDo() {
        CallRecord rich = richCall("call-1");
        CallRecord bare = bareCall("call-2", at(5));
        RecordingEntry first = recording("rec-1", "call-1", at(10)).withRetentionDeadline(DEADLINE);
        RecordingEntry second = recording("rec-2", "call-2", at(20));

        catalogue.importAll(List.of(rich, bare), List.of(first, second));

        assertEquals(Optional.of(rich), catalogue.findCall("call-1"));
        assertEquals(Optional.of(bare), catalogue.findCall("call-2"));
        assertEquals(Optional.of(first), catalogue.findRecording("rec-1"));
        assertEquals(Optional.of(second), catalogue.findRecording("rec-2"));
        assertEquals(Optional.of(DEADLINE), catalogue.retentionDeadline("call-1"));
        assertEquals(Optional.empty(), catalogue.retentionDeadline("call-2"));
    }

    @Test
    void anImportedCallerIsFoundByTheBlindIndexOfTheirNumber() {
        CallRecord rich = richCall("call-1");

        catalogue.importAll(List.of(rich), List.of());

        assertEquals(Set.of("call-1"), catalogue.callsWithNumberIndex(
                SEAL.blindIndex(CALLER_NUMBER)));
    }

    @Test
    void importsNothingWhenOneRecordingIsAlreadyCatalogued() {
        catalogue.addRecording(recording("rec-1", "call-1", at(10)));
        List<RecordingEntry> batch = List.of(recording("rec-2", "call-2", at(20)),
                recording("rec-1", "call-1", at(10)));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> catalogue.importAll(List.of(bareCall("call-2", at(5))), batch));

        assertTrue(refused.getMessage().contains("not yet catalogued"), refused.getMessage());
        assertTrue(refused.getMessage().contains("nothing was imported"), refused.getMessage());
        assertEquals(Optional.empty(), catalogue.findRecording("rec-2"));
        assertEquals(Optional.empty(), catalogue.findCall("call-2"));
    }

    @Test
    void importsNothingWhenOneCallIsAlreadyCatalogued() {
        catalogue.saveCall(bareCall("call-1", at(5)));
        List<CallRecord> calls = List.of(bareCall("call-2", at(6)), richCall("call-1"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> catalogue.importAll(calls, List.of()));

        assertTrue(refused.getMessage().contains("not yet catalogued"), refused.getMessage());
        assertEquals(Optional.empty(), catalogue.findCall("call-2"));
        assertEquals(Optional.of(bareCall("call-1", at(5))), catalogue.findCall("call-1"));
    }

    @Test
    void refusesTwoRetentionDeadlinesForOneCall() {
        List<RecordingEntry> batch = List.of(
                recording("rec-1", "call-1", at(10)).withRetentionDeadline(DEADLINE),
                recording("rec-2", "call-1", at(20)).withRetentionDeadline(DEADLINE.plusNanos(1)));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> catalogue.importAll(List.of(), batch));

        assertTrue(refused.getMessage().contains("call-1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("two retention deadlines"),
                refused.getMessage());
        assertEquals(Optional.empty(), catalogue.findRecording("rec-1"));
    }
}
