package org.callrec.catalogue.jdbc;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.HoldKind;

/**
 * The SQL of holds (clause 4.4): one row per hold in {@code holds}, with the free-text reason
 * sealed. Each method works inside the caller's transaction.
 */
final class HoldTable {
    private static final String SELECT = "SELECT hold_id, recording_id, kind, reason_sealed,"
            + " case_reference, review_by, placed_by, placed_at_s, placed_at_ns, released_by,"
            + " released_at_s, released_at_ns FROM holds";
    private static final String ORDER = " ORDER BY placed_at_s, placed_at_ns, hold_id";

    private HoldTable() {
    }

    /**
     * Inserts a hold.
     *
     * @throws SQLException with state 23505 when a hold with the same id exists
     */
    static void insert(Connection connection, Hold hold, SealedText sealed) throws SQLException {
        String sql = "INSERT INTO holds (hold_id, recording_id, kind, reason_sealed,"
                + " case_reference, review_by, placed_by, placed_at_s, placed_at_ns, released_by,"
                + " released_at_s, released_at_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, hold.holdId());
            statement.setString(2, hold.recordingId());
            statement.setString(3, hold.kind().name());
            statement.setString(4, sealed.seal(hold.reason(), hold.holdId()));
            statement.setString(5, hold.caseReference());
            statement.setDate(6, Date.valueOf(hold.reviewBy()));
            statement.setString(7, hold.placedBy());
            int next = InstantColumns.bind(statement, 8, hold.placedAt());
            statement.setString(next, hold.releasedBy());
            InstantColumns.bind(statement, next + 1, hold.releasedAt());
            statement.executeUpdate();
        }
    }

    /** Marks an active hold released; returns whether one was. */
    static boolean release(Connection connection, String holdId, String releasedBy, Instant at)
            throws SQLException {
        String sql = "UPDATE holds SET released_by = ?, released_at_s = ?, released_at_ns = ?"
                + " WHERE hold_id = ? AND released_at_s IS NULL";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, releasedBy);
            int next = InstantColumns.bind(statement, 2, at);
            statement.setString(next, holdId);
            return statement.executeUpdate() == 1;
        }
    }

    /** Returns the hold with this id, or null. */
    static Hold find(Connection connection, String holdId, SealedText sealed)
            throws SQLException {
        List<Hold> found = select(connection, SELECT + " WHERE hold_id = ?", holdId, sealed);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Returns every hold of a recording, oldest first. */
    static List<Hold> ofRecording(Connection connection, String recordingId, SealedText sealed)
            throws SQLException {
        return select(connection, SELECT + " WHERE recording_id = ?" + ORDER, recordingId,
                sealed);
    }

    /** Returns every active hold, oldest first. */
    static List<Hold> active(Connection connection, SealedText sealed) throws SQLException {
        return select(connection, SELECT + " WHERE released_at_s IS NULL" + ORDER, null, sealed);
    }

    /** Deletes the released holds of a disposed recording; active ones never reach here. */
    static void deleteReleased(Connection connection, String recordingId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM holds WHERE recording_id = ? AND released_at_s IS NOT NULL")) {
            statement.setString(1, recordingId);
            statement.executeUpdate();
        }
    }

    private static List<Hold> select(Connection connection, String sql, String parameter,
            SealedText sealed) throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String holdId = row.getString("hold_id");
                    holds.add(new Hold(holdId, row.getString("recording_id"),
                            HoldKind.valueOf(row.getString("kind")),
                            sealed.open(row.getString("reason_sealed"), holdId),
                            row.getString("case_reference"),
                            row.getDate("review_by").toLocalDate(),
                            row.getString("placed_by"),
                            InstantColumns.read(row, "placed_at"),
                            row.getString("released_by"),
                            InstantColumns.read(row, "released_at")));
                }
            }
        }
        return holds;
    }
}
