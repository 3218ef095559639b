package org.callrec.catalogue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of subject access lookups (clause 4.4): calls by the blind index of a number, by staff
 * id and by attached reference, each answered from an index. Each method works inside the
 * caller's transaction.
 */
final class SubjectIndex {
    private SubjectIndex() {
    }

    /** Attaches a reference to a call, unless it is attached already. */
    static void addReference(Connection connection, String callId, String reference)
            throws SQLException {
        if (ids(connection, "SELECT call_id FROM call_references WHERE call_id = ?"
                + " AND reference = ?", callId, reference).isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO call_references (call_id, reference) VALUES (?, ?)")) {
                statement.setString(1, callId);
                statement.setString(2, reference);
                statement.executeUpdate();
            }
        }
    }

    static Set<String> referencesOf(Connection connection, String callId) throws SQLException {
        return ids(connection, "SELECT reference FROM call_references WHERE call_id = ?", callId);
    }

    static Set<String> byNumberIndex(Connection connection, String index) throws SQLException {
        return ids(connection, "SELECT DISTINCT call_id FROM call_parties WHERE number_index = ?",
                index);
    }

    static Set<String> byStaff(Connection connection, String staffId) throws SQLException {
        return ids(connection, "SELECT DISTINCT call_id FROM call_parties WHERE staff_id = ?",
                staffId);
    }

    static Set<String> byReference(Connection connection, String reference) throws SQLException {
        return ids(connection, "SELECT call_id FROM call_references WHERE reference = ?",
                reference);
    }

    private static Set<String> ids(Connection connection, String sql, String... parameters)
            throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }
}
