package org.callrec.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.callrec.spi.audit.AuditEntry;

/**
 * One line of the audit file: the entry, its sequence number, the previous line's hash and its
 * own. The hash covers the canonical JSON of everything but itself, so any edit shows.
 */
final class AuditLine {
    /** The hash the first entry chains to. */
    static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private AuditLine() {
    }

    /** Returns the JSON line (without newline) for an entry at a place in the chain. */
    static String write(AuditEntry entry, long sequence, String previousHash) {
        ObjectNode body = body(entry, sequence, previousHash);
        body.put("hash", hash(body));
        return body.toString();
    }

    /** Returns the hash stored in a line. */
    static String storedHash(JsonNode line) {
        return line.path("hash").asText("");
    }

    /** Returns the hash a line should have, computed from its other fields. */
    static String expectedHash(JsonNode line) {
        ObjectNode body = ((ObjectNode) line).deepCopy();
        body.remove("hash");
        return hash(body);
    }

    /** Parses a line, or throws when it is not a JSON object. */
    static JsonNode parse(String text) throws JsonProcessingException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !node.isObject()) {
            throw new JsonProcessingException("not a JSON object") { };
        }
        return node;
    }

    /** Reads the entry back from a parsed line. */
    static AuditEntry entry(JsonNode line) {
        Map<String, String> details = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = line.path("details").fields();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            details.put(field.getKey(), field.getValue().asText());
        }
        JsonNode recording = line.get("recording");
        return new AuditEntry(Instant.parse(line.path("at").asText()),
                line.path("action").asText(), line.path("actor").asText(),
                recording == null || recording.isNull() ? null : recording.asText(), details);
    }

    private static ObjectNode body(AuditEntry entry, long sequence, String previousHash) {
        ObjectNode body = JSON.createObjectNode();
        body.put("seq", sequence);
        body.put("at", entry.at().toString());
        body.put("action", entry.action());
        body.put("actor", entry.actor());
        if (entry.recordingId() == null) {
            body.putNull("recording");
        } else {
            body.put("recording", entry.recordingId());
        }
        ObjectNode details = body.putObject("details");
        entry.details().forEach(details::put);
        body.put("prev", previousHash);
        return body;
    }

    private static String hash(ObjectNode body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] canonical = JSON.writeValueAsString(JSON.treeToValue(body, Object.class))
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(sha256.digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash an audit entry", e);
        }
    }
}
