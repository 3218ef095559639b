package org.callrec.catalogue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.catalogue.DisposalReceipt;

/**
 * The SQL of disposal receipts (clause 4.2): one row per disposed recording in
 * {@code disposal_receipts}. Each method works inside the caller's transaction.
 */
final class DisposalTable {
    private static final String SELECT = "SELECT recording_id, call_id, deadline_s, deadline_ns,"
            + " disposed_s, disposed_ns, ciphertext_sha256, key_destroyed FROM disposal_receipts";

    private DisposalTable() {
    }

    /** Inserts a receipt unless the recording already has one; returns whether it did. */
    static boolean insertOnce(Connection connection, DisposalReceipt receipt)
            throws SQLException {
        if (find(connection, receipt.recordingId()) != null) {
            return false;
        }
        String sql = "INSERT INTO disposal_receipts (recording_id, call_id, deadline_s,"
                + " deadline_ns, disposed_s, disposed_ns, ciphertext_sha256, key_destroyed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, receipt.recordingId());
            statement.setString(2, receipt.callId());
            int next = InstantColumns.bind(statement, 3, receipt.deadline());
            next = InstantColumns.bind(statement, next, receipt.disposedAt());
            statement.setString(next, receipt.ciphertextSha256());
            statement.setBoolean(next + 1, receipt.keyDestroyed());
            statement.executeUpdate();
        }
        return true;
    }

    /** Returns the receipt of a recording, or null. */
    static DisposalReceipt find(Connection connection, String recordingId) throws SQLException {
        List<DisposalReceipt> found = select(connection, SELECT + " WHERE recording_id = ?",
                recordingId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Returns every receipt in the order of disposal. */
    static List<DisposalReceipt> all(Connection connection) throws SQLException {
        return select(connection, SELECT + " ORDER BY disposed_s, disposed_ns, recording_id",
                null);
    }

    private static List<DisposalReceipt> select(Connection connection, String sql,
            String parameter) throws SQLException {
        List<DisposalReceipt> receipts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    receipts.add(new DisposalReceipt(row.getString("recording_id"),
                            row.getString("call_id"), InstantColumns.read(row, "deadline"),
                            InstantColumns.read(row, "disposed"),
                            row.getString("ciphertext_sha256"), row.getBoolean("key_destroyed")));
                }
            }
        }
        return receipts;
    }
}
