package org.callrec.catalogue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;

/**
 * The SQL of retention deadlines: one row per call in {@code retention_deadlines}, written once
 * (clause 4.2). Each method works inside the caller's transaction.
 */
final class DeadlineTable {
    /** The SQL state of a unique or primary key violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private DeadlineTable() {
    }

    /** Returns the deadline of a call, or empty while it has none. */
    static Optional<Instant> find(Connection connection, String callId) throws SQLException {
        String sql = "SELECT deadline_s, deadline_ns FROM retention_deadlines WHERE call_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, callId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(InstantColumns.read(row, "deadline"))
                        : Optional.empty();
            }
        }
    }

    /**
     * Writes a call's deadline, or does nothing when the call already has this one.
     *
     * @throws RetentionDeadlineAlreadySetException when the call has a different deadline; the
     *     stored one is left as it was
     */
    static void write(Connection connection, String callId, Instant deadline)
            throws SQLException {
        // The primary key decides between racing writers: of two inserts only one commits, and
        // the other sees the winner's deadline below. A read-then-insert could let both pass.
        // The savepoint is for PostgreSQL, where a failed statement spoils the transaction.
        Savepoint beforeInsert = connection.setSavepoint();
        String sql = "INSERT INTO retention_deadlines (call_id, deadline_s, deadline_ns)"
                + " VALUES (?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, callId);
            InstantColumns.bind(statement, 2, deadline);
            statement.executeUpdate();
            return;
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            connection.rollback(beforeInsert);
        }

        Instant existing = find(connection, callId).orElseThrow(() -> new SQLException(
                "retention deadline of call " + callId + " was refused as a duplicate but is"
                        + " not there"));
        if (!existing.equals(deadline)) {
            throw new RetentionDeadlineAlreadySetException(callId, existing, deadline);
        }
    }

    /**
     * Writes the deadlines of calls that have none yet, in one batch.
     *
     * @throws SQLException with state 23505 when one of the calls has a deadline already
     */
    static void insertAll(Connection connection, Map<String, Instant> deadlines)
            throws SQLException {
        String sql = "INSERT INTO retention_deadlines (call_id, deadline_s, deadline_ns)"
                + " VALUES (?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<String, Instant> deadline : deadlines.entrySet()) {
                statement.setString(1, deadline.getKey());
                InstantColumns.bind(statement, 2, deadline.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Returns whether the exception, or one it was caused by, is a unique key violation. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
