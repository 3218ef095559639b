package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.CallRecordings;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.testkit.catalogue.CatalogueConformanceKit;
import org.callrec.testkit.catalogue.CatalogueSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the catalogue conformance kit on a real PostgreSQL server started by the tests on
 * 127.0.0.1, each test on a fresh database, then checks what only PostgreSQL shows: its own
 * migrations, and two catalogues (as two nodes) sharing one database.
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcCatalogueOnPostgresTest extends CatalogueConformanceKit {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-04T12:00:00Z"), ZoneOffset.UTC);

    private static PostgresServer server;

    private String url;

    @BeforeAll
    static void useTheServer(PostgresServer shared) {
        server = shared;
    }

    @Override
    protected Catalogue openCatalogue() {
        url = server.newDatabase();
        return open(url);
    }

    private static JdbcCatalogue open(String url) {
        return new JdbcCatalogueProvider().create(ProviderConfig.of(Map.of(
                CatalogueSettings.URL, url, CatalogueSettings.USER, PostgresServer.USER,
                CatalogueSettings.PASSWORD, PostgresServer.PASSWORD), CLOCK),
                JdbcCatalogueTest.SEAL);
    }

    @Test
    void appliesThePostgresqlMigrations() throws SQLException {
        List<String> applied = new ArrayList<>();

        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER,
                PostgresServer.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, script FROM"
                        + " flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.add(rows.getString(1) + " " + rows.getString(2));
            }
        }

        assertEquals(List.of("1 V1__calls.sql", "2 V2__recordings.sql",
                "3 V3__wrapped_key_bytes.sql", "10 V10__grants.sql",
                "20 V20__holds_disposal_and_subject_access.sql",
                "30 V30__disposal_claims.sql", "55 V55__sweep_scales_with_what_is_due.sql"),
                applied);
    }

    @Test
    void sharesOneDatabaseBetweenTwoNodes() {
        try (JdbcCatalogue otherNode = open(url)) {
            catalogue.addRecording(CatalogueSamples.recording("rec-1", "call-1",
                    CatalogueSamples.at(1)));

            otherNode.setRetentionDeadline("call-1", CatalogueSamples.at(2));

            assertEquals(CatalogueSamples.at(2), catalogue.findRecording("rec-1")
                    .orElseThrow().retentionDeadline());
            assertFalse(otherNode.findRecording("rec-1").orElseThrow().isOfLiveCall());
        }
    }

    @Test
    void readsTheFoundCallsOfASubjectAccessRequestAsTheDefaultReadsThemOneByOne() {
        List<String> asked = RecordingsOfCallsTest.catalogueCallsOfEveryShape(catalogue);

        List<CallRecordings> read = catalogue.recordingsOfCalls(asked);

        assertEquals(RecordingsOfCallsTest.byDefault(catalogue).recordingsOfCalls(asked), read);
        assertEquals(List.of("call-rich", "call-bare", "call-rich"),
                read.stream().map(found -> found.call().callId()).toList());
    }

    @Test
    void describesItselfWithoutThePassword() {
        String described = catalogue.toString();

        assertTrue(described.contains("127.0.0.1"), described);
        assertFalse(described.contains(PostgresServer.PASSWORD), described);
    }
}
