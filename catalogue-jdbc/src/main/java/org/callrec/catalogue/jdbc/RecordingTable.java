package org.callrec.catalogue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.keys.WrappedKey;
import org.callrec.spi.storage.ObjectKey;

/**
 * The SQL of {@link RecordingEntry}: the {@code recordings} table, read together with the
 * deadline of each recording's call. Each method works inside the caller's transaction.
 */
final class RecordingTable {
    private static final String SELECT = "SELECT r.recording_id, r.call_id, r.span_id,"
            + " r.object_key, r.span_started_s, r.span_started_ns, r.span_ended_s,"
            + " r.span_ended_ns, r.plaintext_bytes, r.ciphertext_bytes, r.ciphertext_sha256,"
            + " r.key_id, r.wrapped_key, r.stored_at_s, r.stored_at_ns, d.deadline_s,"
            + " d.deadline_ns FROM recordings r"
            + " LEFT JOIN retention_deadlines d ON d.call_id = r.call_id";

    private static final String INSERT = "INSERT INTO recordings (recording_id, call_id,"
            + " span_id, object_key, span_started_s, span_started_ns, span_ended_s,"
            + " span_ended_ns, plaintext_bytes, ciphertext_bytes, ciphertext_sha256, key_id,"
            + " wrapped_key, stored_at_s, stored_at_ns)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Recordings due at an instant and not held. It starts from the deadlines, and its first
     * condition is a plain range on the deadline's seconds, so that the deadline index finds
     * the due calls and the 99% not yet due are never read; an outer join from the recordings,
     * or the condition written as one OR, made H2 read every recording.
     */
    private static final String DUE = "SELECT r.recording_id, r.call_id, r.span_id,"
            + " r.object_key, r.span_started_s, r.span_started_ns, r.span_ended_s,"
            + " r.span_ended_ns, r.plaintext_bytes, r.ciphertext_bytes, r.ciphertext_sha256,"
            + " r.key_id, r.wrapped_key, r.stored_at_s, r.stored_at_ns, d.deadline_s,"
            + " d.deadline_ns FROM retention_deadlines d"
            + " JOIN recordings r ON r.call_id = d.call_id"
            + " WHERE d.deadline_s <= ? AND (d.deadline_s < ? OR d.deadline_ns <= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.recording_id = r.recording_id"
            + " AND h.released_at_s IS NULL)";

    /** A recording no other claimant holds: unclaimed, the claimant's own, or run out. */
    private static final String CLAIMABLE = "(r.claimed_by IS NULL OR r.claimed_by = ?"
            + " OR r.claimed_until_s < ? OR (r.claimed_until_s = ? AND r.claimed_until_ns <= ?))";

    private RecordingTable() {
    }

    /**
     * Prepares the insert of a recording on a connection and closes it again: H2 keeps the
     * parsed statement for the connection, PostgreSQL's driver does not until it is used often.
     */
    static void prepareInsert(Connection connection) throws SQLException {
        connection.prepareStatement(INSERT).close();
    }

    /**
     * Inserts a recording; its retention deadline is the call's and is not written here.
     *
     * @throws SQLException with state 23505 when a recording with the same id exists
     */
    static void insert(Connection connection, RecordingEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            bindInsert(statement, entry);
            statement.executeUpdate();
        }
    }

    /**
     * Inserts many recordings in one batch, each as {@link #insert} would.
     *
     * @throws SQLException with state 23505 when one of the ids exists
     */
    static void insertAll(Connection connection, List<RecordingEntry> entries)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (RecordingEntry entry : entries) {
                bindInsert(statement, entry);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void bindInsert(PreparedStatement statement, RecordingEntry entry)
            throws SQLException {
        statement.setString(1, entry.recordingId());
        statement.setString(2, entry.callId());
        statement.setString(3, entry.spanId());
        statement.setString(4, entry.objectKey().value());
        int next = InstantColumns.bind(statement, 5, entry.spanStartedAt());
        next = InstantColumns.bind(statement, next, entry.spanEndedAt());
        statement.setLong(next, entry.plaintextBytes());
        statement.setLong(next + 1, entry.ciphertextBytes());
        statement.setString(next + 2, entry.ciphertextSha256());
        WrappedKey key = entry.wrappedKey();
        statement.setString(next + 3, key == null ? null : key.keyId());
        statement.setBytes(next + 4, key == null ? null : key.bytes());
        InstantColumns.bind(statement, next + 5, entry.storedAt());
    }

    /** Returns the recording with this id, or null. */
    static RecordingEntry find(Connection connection, String recordingId) throws SQLException {
        List<RecordingEntry> found = select(connection,
                SELECT + " WHERE r.recording_id = ?", recordingId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Returns the recordings of a call in span order: by span start, then span, then id. */
    static List<RecordingEntry> ofCall(Connection connection, String callId) throws SQLException {
        return select(connection, SELECT + " WHERE r.call_id = ? ORDER BY r.span_started_s,"
                + " r.span_started_ns, r.span_id, r.recording_id", callId);
    }

    /**
     * Returns the recordings of a batch of calls, by call id and then in span order, with one
     * query answered from the index of recordings by call.
     */
    static List<RecordingEntry> ofCalls(Connection connection, CallIdBatch batch)
            throws SQLException {
        List<RecordingEntry> entries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ofCallsQuery(batch))) {
            batch.bind(statement, 1);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(read(row));
                }
            }
        }
        return entries;
    }

    /** The query of {@link #ofCalls}, for its plan to be checked. */
    static String ofCallsQuery(CallIdBatch batch) {
        return SELECT + " WHERE " + batch.condition("r.call_id") + " ORDER BY r.call_id,"
                + " r.span_started_s, r.span_started_ns, r.span_id, r.recording_id";
    }

    /** Returns every recording, oldest first: by the time it was stored, then by id. */
    static List<RecordingEntry> all(Connection connection) throws SQLException {
        return select(connection, SELECT + " ORDER BY r.stored_at_s, r.stored_at_ns,"
                + " r.recording_id", null);
    }

    /**
     * Returns up to {@code limit} recordings whose deadline is at or before an instant and which
     * have no active hold, earliest deadline first. The deadline index answers it.
     */
    static List<RecordingEntry> due(Connection connection, Instant asOf, int limit)
            throws SQLException {
        List<RecordingEntry> entries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(dueQuery())) {
            statement.setLong(1, asOf.getEpochSecond());
            statement.setLong(2, asOf.getEpochSecond());
            statement.setInt(3, asOf.getNano());
            statement.setInt(4, limit);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(read(row));
                }
            }
        }
        return entries;
    }

    /**
     * Claims up to {@code limit} recordings due at an instant that have no active hold and no
     * running claim but the claimant's own, earliest deadline first, and returns them. On
     * PostgreSQL ({@code skipLocked}) the candidates are locked with {@code FOR UPDATE SKIP
     * LOCKED}, so concurrent claimers pass over each other's rows instead of waiting for them or
     * taking them; a row claimed and committed meanwhile is checked again by the database and
     * left out. Each row is then claimed only where it is still claimable, so a row lost to a
     * racing claimer is not returned whatever the database.
     */
    static List<RecordingEntry> claimDue(Connection connection, Instant asOf, int limit,
            String claimant, Instant claimUntil, boolean skipLocked) throws SQLException {
        List<RecordingEntry> candidates = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(claimQuery(skipLocked))) {
            statement.setLong(1, asOf.getEpochSecond());
            statement.setLong(2, asOf.getEpochSecond());
            statement.setInt(3, asOf.getNano());
            bindClaimable(statement, 4, claimant, asOf);
            statement.setInt(8, limit);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    candidates.add(read(row));
                }
            }
        }

        String update = "UPDATE recordings r SET claimed_by = ?, claimed_until_s = ?,"
                + " claimed_until_ns = ? WHERE r.recording_id = ? AND " + CLAIMABLE;
        List<RecordingEntry> claimed = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            for (RecordingEntry candidate : candidates) {
                statement.setString(1, claimant);
                statement.setLong(2, claimUntil.getEpochSecond());
                statement.setInt(3, claimUntil.getNano());
                statement.setString(4, candidate.recordingId());
                bindClaimable(statement, 5, claimant, asOf);
                if (statement.executeUpdate() == 1) {
                    claimed.add(candidate);
                }
            }
        }
        return claimed;
    }

    /**
     * Returns the query of recordings due at an instant and not held, earliest deadline first.
     * Its parameters: the instant's seconds twice and its nanoseconds, then the limit.
     */
    static String dueQuery() {
        return DUE + " ORDER BY d.deadline_s, d.deadline_ns, r.recording_id"
                + " FETCH FIRST ? ROWS ONLY";
    }

    /**
     * Returns the query of {@link #dueQuery} narrowed to recordings a claimant may claim, its
     * parameters followed by those of the claimable test, then the limit.
     */
    static String claimQuery(boolean skipLocked) {
        return DUE + " AND " + CLAIMABLE
                + " ORDER BY d.deadline_s, d.deadline_ns, r.recording_id FETCH FIRST ? ROWS ONLY"
                + (skipLocked ? " FOR UPDATE OF r SKIP LOCKED" : "");
    }

    /** Ends every claim of a claimant; returns how many recordings it had claimed. */
    static int releaseClaims(Connection connection, String claimant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE recordings SET"
                + " claimed_by = NULL, claimed_until_s = NULL, claimed_until_ns = NULL"
                + " WHERE claimed_by = ?")) {
            statement.setString(1, claimant);
            return statement.executeUpdate();
        }
    }

    private static void bindClaimable(PreparedStatement statement, int first, String claimant,
            Instant asOf) throws SQLException {
        statement.setString(first, claimant);
        statement.setLong(first + 1, asOf.getEpochSecond());
        statement.setLong(first + 2, asOf.getEpochSecond());
        statement.setInt(first + 3, asOf.getNano());
    }

    /**
     * Removes a recording's wrapped key. The bytes are first overwritten with zeros of the same
     * length and then set to null, so that neither the row's current version nor the page the
     * update rewrites holds them; compaction then drops the old pages from the file.
     */
    static void destroyKey(Connection connection, String recordingId) throws SQLException {
        String overwrite = "UPDATE recordings SET wrapped_key = ? WHERE recording_id = ?"
                + " AND wrapped_key IS NOT NULL";
        byte[] zeros;
        RecordingEntry entry = find(connection, recordingId);
        if (entry == null || entry.wrappedKey() == null) {
            return;
        }
        zeros = new byte[entry.wrappedKey().bytes().length];
        try (PreparedStatement statement = connection.prepareStatement(overwrite)) {
            statement.setBytes(1, zeros);
            statement.setString(2, recordingId);
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE recordings SET"
                + " key_id = NULL, wrapped_key = NULL WHERE recording_id = ?")) {
            statement.setString(1, recordingId);
            statement.executeUpdate();
        }
    }

    /** Deletes a recording's row; returns whether there was one. */
    static boolean delete(Connection connection, String recordingId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM recordings WHERE recording_id = ?")) {
            statement.setString(1, recordingId);
            return statement.executeUpdate() == 1;
        }
    }

    /** Returns how many recordings a call has. */
    static int countOfCall(Connection connection, String callId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM recordings WHERE call_id = ?")) {
            statement.setString(1, callId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static List<RecordingEntry> select(Connection connection, String sql,
            String parameter) throws SQLException {
        List<RecordingEntry> entries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(read(row));
                }
            }
        }
        return entries;
    }

    private static RecordingEntry read(ResultSet row) throws SQLException {
        String keyId = row.getString("key_id");
        byte[] keyBytes = row.getBytes("wrapped_key");
        WrappedKey key = keyId == null ? null : new WrappedKey(keyId, keyBytes);
        return new RecordingEntry(
                row.getString("recording_id"),
                row.getString("call_id"),
                row.getString("span_id"),
                ObjectKey.of(row.getString("object_key")),
                InstantColumns.read(row, "span_started"),
                InstantColumns.read(row, "span_ended"),
                row.getLong("plaintext_bytes"),
                row.getLong("ciphertext_bytes"),
                row.getString("ciphertext_sha256"),
                key,
                InstantColumns.read(row, "stored_at"),
                InstantColumns.read(row, "deadline"));
    }
}
