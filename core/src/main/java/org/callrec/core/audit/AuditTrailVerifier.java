package org.callrec.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an audit trail written by {@link FileAuditSink}: every line parses, numbers run 1, 2,
 * 3..., each line names the hash of the one before, each hash matches its line, and the last entry
 * is the one the head file names. The first line that breaks any of these is named.
 */
public final class AuditTrailVerifier {
    private static final int MAX_LINE = 64 * 1024;

    private AuditTrailVerifier() {
    }

    /**
     * Verifies the trail in a file.
     *
     * @throws IOException when the file cannot be read
     */
    public static AuditVerification verify(Path file) throws IOException {
        long count = 0;
        long lineNumber = 0;
        String previous = AuditLine.GENESIS;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lineNumber++;
                String problem = check(text, count + 1, previous);
                if (problem != null) {
                    return new AuditVerification(count, previous, lineNumber, problem);
                }
                previous = AuditLine.storedHash(AuditLine.parse(text));
                count++;
            }
        }
        return checkHead(file, count, previous, lineNumber);
    }

    private static String check(String text, long expectedSequence, String previous) {
        if (text.length() > MAX_LINE) {
            return "longer than " + MAX_LINE + " characters";
        }
        JsonNode line;
        try {
            line = AuditLine.parse(text);
        } catch (JsonProcessingException e) {
            return "is not a JSON audit entry (edited or cut short)";
        }
        long sequence = line.path("seq").asLong(-1);
        if (sequence != expectedSequence) {
            return "has sequence " + sequence + " where " + expectedSequence
                    + " was expected (an entry was deleted, inserted or moved)";
        }
        if (!previous.equals(line.path("prev").asText())) {
            return "does not chain to the entry before it (an entry was deleted, inserted or"
                    + " moved)";
        }
        if (!AuditLine.storedHash(line).equals(AuditLine.expectedHash(line))) {
            return "its hash does not match its content (the entry was edited)";
        }
        try {
            AuditLine.entry(line);
        } catch (RuntimeException e) {
            return "its fields are not a valid audit entry: " + e.getMessage();
        }
        return null;
    }

    private static AuditVerification checkHead(Path file, long count, String lastHash,
            long lines) throws IOException {
        Path head = FileAuditSink.headOf(file);
        if (Files.notExists(head)) {
            return count == 0 ? new AuditVerification(0, lastHash, 0, null)
                    : new AuditVerification(count, lastHash, lines,
                            "the head file " + head.getFileName() + " is missing");
        }
        String[] named = Files.readString(head, StandardCharsets.UTF_8).strip().split(" ");
        boolean matches = named.length == 2 && named[0].equals(Long.toString(count))
                && named[1].equals(lastHash);
        if (!matches) {
            return new AuditVerification(count, lastHash, lines + 1, "the trail ends at entry "
                    + count + " but its head names entry " + named[0]
                    + " (entries were cut from the end)");
        }
        return new AuditVerification(count, lastHash, 0, null);
    }
}
