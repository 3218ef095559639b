package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What H2 plans for the queries of the sweep and of subject access (issue 5): each is answered
 * from an index, so its cost grows with what is due or found, never with the whole catalogue.
 */
@DisplayName("Sweep and subject access queries are answered from indexes (clauses 4.2, 4.4)")
class QueryPlanTest {
    private static final String FULL_SCAN = "tableScan";

    /** The tables a call record is read from, each keyed first by the call id. */
    private static final List<String> CALL_TABLES = List.of("calls", "call_teams",
            "call_flags", "call_parties", "call_evidence", "call_events", "decisions",
            "decision_commands", "decision_clauses", "directory_answers",
            "directory_answer_teams", "directory_answer_roles");

    @TempDir
    Path folder;

    private JdbcCatalogue catalogue;

    @BeforeEach
    void open() {
        catalogue = EmbeddedCatalogues.openIn(folder, Clock.systemUTC(), new TestSeal());
    }

    @AfterEach
    void close() {
        catalogue.close();
    }

    @Test
    void findsDueRecordingsThroughTheDeadlineIndex() throws SQLException {
        String query = RecordingTable.dueQuery();

        String plan = plan(query);

        assertTrue(plan.contains("RETENTION_DEADLINES_BY_DEADLINE: DEADLINE_S <="), plan);
        assertTrue(plan.contains("RECORDINGS_BY_CALL: CALL_ID = D.CALL_ID"), plan);
        assertFalse(plan.contains(FULL_SCAN), plan);
    }

    @Test
    void claimsDueRecordingsThroughTheDeadlineIndex() throws SQLException {
        String query = RecordingTable.claimQuery(false);

        String plan = plan(query);

        assertTrue(plan.contains("RETENTION_DEADLINES_BY_DEADLINE: DEADLINE_S <="), plan);
        assertFalse(plan.contains(FULL_SCAN), plan);
    }

    @Test
    void releasesASweepersClaimsThroughTheClaimantIndex() throws SQLException {
        String query = "UPDATE recordings SET claimed_by = NULL, claimed_until_s = NULL,"
                + " claimed_until_ns = NULL WHERE claimed_by = ?";

        String plan = plan(query);

        assertTrue(plan.contains("RECORDINGS_BY_CLAIMANT: CLAIMED_BY ="), plan);
        assertFalse(plan.contains(FULL_SCAN), plan);
    }

    @Test
    void findsCallsByANumbersBlindIndexThroughItsIndex() throws SQLException {
        String query = "SELECT DISTINCT call_id FROM call_parties WHERE number_index = ?";

        String plan = plan(query);

        assertTrue(plan.contains("CALL_PARTIES_BY_NUMBER_INDEX: NUMBER_INDEX ="), plan);
        assertFalse(plan.contains(FULL_SCAN), plan);
    }

    @Test
    void readsTheRecordingsOfTheCallsFoundThroughTheIndexByCall() throws SQLException {
        String query = RecordingTable.ofCallsQuery(new CallIdBatch(List.of("call-1", "call-2",
                "call-3")));

        String plan = plan(query);

        assertTrue(plan.contains("RECORDINGS_BY_CALL: CALL_ID IN("), plan);
        assertFalse(plan.contains(FULL_SCAN), plan);
    }

    @Test
    void readsTheRecordsOfTheCallsFoundThroughEachTablesKey() throws SQLException {
        String condition = new CallIdBatch(List.of("call-1", "call-2", "call-3"))
                .condition("call_id");

        for (String table : CALL_TABLES) {
            String plan = plan("SELECT * FROM " + table + " WHERE " + condition);

            assertTrue(plan.contains(": CALL_ID IN("), plan);
            assertFalse(plan.contains(FULL_SCAN), plan);
        }
    }

    /** Returns H2's plan of a query, with every parameter bound to a sample value. */
    private String plan(String sql) throws SQLException {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().normalize().resolve("catalogue");
        String bound = sql.replace("FETCH FIRST ? ROWS", "FETCH FIRST 100 ROWS")
                .replace("?", "'1'");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("EXPLAIN " + bound)) {
            row.next();
            return row.getString(1);
        }
    }
}
