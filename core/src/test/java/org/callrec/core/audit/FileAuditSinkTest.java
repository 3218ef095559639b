package org.callrec.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditWriteException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditSinkTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path folder;

    private Path trail;

    @BeforeEach
    void writeFiveEntries() throws IOException {
        trail = folder.resolve("audit").resolve("audit.log");
        try (FileAuditSink sink = new FileAuditSink(trail)) {
            for (int i = 1; i <= 5; i++) {
                sink.append(entry(i));
            }
        }
    }

    @Test
    void verifiesAnUntouchedTrail() throws IOException {
        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertTrue(result.isIntact(), result.describe());
        assertEquals(5, result.entries());
    }

    @Test
    void continuesTheChainAfterReopening() throws IOException {
        try (FileAuditSink sink = new FileAuditSink(trail)) {
            sink.append(entry(6));
        }

        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertTrue(result.isIntact(), result.describe());
        assertEquals(6, result.entries());
    }

    @Test
    void namesAnEditedEntry() throws IOException {
        rewrite(lines -> lines.set(2, lines.get(2).replace("manager-210", "manager-999")));

        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertFalse(result.isIntact());
        assertEquals(3, result.badLine());
        assertTrue(result.problem().contains("edited"), result.describe());
    }

    @Test
    void namesTheEntryAfterADeletedOne() throws IOException {
        rewrite(lines -> lines.remove(1));

        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertEquals(2, result.badLine());
        assertTrue(result.problem().contains("deleted, inserted or moved"), result.describe());
    }

    @Test
    void namesReorderedEntries() throws IOException {
        rewrite(lines -> Collections.swap(lines, 3, 4));

        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertEquals(4, result.badLine());
    }

    @Test
    void namesAnInsertedEntry() throws IOException {
        rewrite(lines -> lines.add(2, lines.get(1)));

        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertEquals(3, result.badLine());
    }

    @Test
    void noticesEntriesCutFromTheEnd() throws IOException {
        rewrite(lines -> lines.remove(4));

        AuditVerification result = AuditTrailVerifier.verify(trail);

        assertFalse(result.isIntact());
        assertEquals(5, result.badLine());
        assertTrue(result.problem().contains("cut from the end"), result.describe());
    }

    @Test
    void refusesToAppendToATrailThatDoesNotVerify() throws IOException {
        rewrite(lines -> lines.remove(0));

        IOException error = assertThrows(IOException.class, () -> new FileAuditSink(trail));

        assertTrue(error.getMessage().contains("does not verify"), error.getMessage());
        assertTrue(error.getMessage().contains("line 1"), error.getMessage());
    }

    @Test
    void failsClosedWhenTheTrailCannotBeWritten() throws IOException {
        FileAuditSink sink = new FileAuditSink(trail);
        Path head = FileAuditSink.headOf(trail);
        Files.delete(head);
        Files.createDirectory(head);

        AuditWriteException first = assertThrows(AuditWriteException.class,
                () -> sink.append(entry(6)));
        AuditWriteException second = assertThrows(AuditWriteException.class,
                () -> sink.append(entry(7)));

        assertTrue(first.getMessage().contains("could not write entry 6"), first.getMessage());
        assertTrue(second.getMessage().contains("earlier write failed"), second.getMessage());
        sink.close();
    }

    @Test
    void keepsNoPhoneNumbersBecauseEntriesHoldIdentifiersOnly() throws IOException {
        String text = Files.readString(trail);

        assertFalse(text.matches("(?s).*\\+?44\\d{9,}.*"));
        assertTrue(text.contains("\"purpose\":\"complaint\""));
    }

    /** Found by the kill harness (CrashSafetyTest): a process killed mid-append. */
    @Test
    void reopensATrailWhoseUnacknowledgedLastEntryWasCutShortMidLine() throws IOException {
        String cut = "{\"seq\":6,\"at\":\"2026-03-02T09:0";
        Files.writeString(trail, cut, java.nio.file.StandardOpenOption.APPEND);

        try (FileAuditSink sink = new FileAuditSink(trail)) {
            sink.append(entry(6));
        }

        AuditVerification result = AuditTrailVerifier.verify(trail);
        assertTrue(result.isIntact(), result.describe());
        assertEquals(6, result.entries());
        assertEquals(6, Files.readAllLines(trail).size());
    }

    /** Found by the kill harness (CrashSafetyTest): killed after the line, before the head. */
    @Test
    void reopensATrailWhoseLastEntryWasWrittenBeforeTheProcessCouldMoveTheHead()
            throws IOException {
        Path head = FileAuditSink.headOf(trail);
        String fiveEntries = Files.readString(head);
        try (FileAuditSink sink = new FileAuditSink(trail)) {
            sink.append(entry(6));
        }
        Files.writeString(head, fiveEntries);

        try (FileAuditSink sink = new FileAuditSink(trail)) {
            sink.append(entry(7));
        }

        AuditVerification result = AuditTrailVerifier.verify(trail);
        assertTrue(result.isIntact(), result.describe());
        assertEquals(7, result.entries());
        assertTrue(Files.readString(trail).contains("\"rec-6\""));
    }

    @Test
    void stillRefusesATrailTwoEntriesPastItsHeadBecauseOnlyOneAppendCanBeInterrupted()
            throws IOException {
        Path head = FileAuditSink.headOf(trail);
        String fiveEntries = Files.readString(head);
        try (FileAuditSink sink = new FileAuditSink(trail)) {
            sink.append(entry(6));
            sink.append(entry(7));
        }
        Files.writeString(head, fiveEntries);

        IOException error = assertThrows(IOException.class, () -> new FileAuditSink(trail));

        assertTrue(error.getMessage().contains("does not verify"), error.getMessage());
        assertTrue(error.getMessage().contains("entries were cut from the end"),
                error.getMessage());
    }

    @Test
    void keepsAnAcknowledgedEntryWhoseNewlineWasRemovedAndRefusesTheTrail() throws IOException {
        String text = Files.readString(trail);
        Files.writeString(trail, text.substring(0, text.length() - 1));

        IOException error = assertThrows(IOException.class, () -> new FileAuditSink(trail));

        assertTrue(error.getMessage().contains("without its newline"), error.getMessage());
        assertEquals(text.substring(0, text.length() - 1), Files.readString(trail));
    }

    private static AuditEntry entry(int i) {
        return new AuditEntry(T0.plusSeconds(i), AuditEntry.ACTION_ACCESS_GRANTED,
                "manager-210", "rec-" + i, Map.of("purpose", "complaint", "case", "C-" + i));
    }

    private void rewrite(java.util.function.Consumer<List<String>> change) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(trail));
        change.accept(lines);
        Files.write(trail, lines);
    }
}
