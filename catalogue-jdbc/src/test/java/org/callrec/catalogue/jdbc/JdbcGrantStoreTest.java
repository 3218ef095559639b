package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clause 4.2: grants kept in the catalogue's database. */
class JdbcGrantStoreTest {
    private static final Instant FROM = Instant.parse("2026-03-02T09:00:00.123456789Z");
    private static final Instant UNTIL = Instant.parse("2026-04-02T09:00:00Z");

    @TempDir
    Path folder;

    private JdbcGrantStore store;
    private JdbcCatalogue catalogue;

    @BeforeEach
    void openTheCatalogueAndItsGrants() {
        ProviderConfig config = ProviderConfig.of(Map.of("directory", folder.toString()),
                Clock.systemUTC());
        catalogue = new JdbcCatalogueProvider().create(config, JdbcCatalogueTest.SEAL);
        store = new JdbcGrantStoreProvider().create(config);
    }

    @AfterEach
    void close() {
        store.close();
        catalogue.close();
    }

    @Test
    void keepsEveryFieldOfAGrant() {
        Grant grant = new Grant("grant-1", "manager-210", "complaint", GrantScope.CALL,
                "1530608400.42", "CMP-2026-0042", FROM, UNTIL, "manager-900", null);

        store.add(grant);

        assertEquals(grant, store.find("grant-1").orElseThrow());
    }

    @Test
    void listsOnlyTheGrantsOfTheStaffMemberAskedFor() {
        store.add(grant("grant-1", "manager-210"));
        store.add(grant("grant-2", "manager-220"));
        store.add(grant("grant-3", "manager-210"));

        List<Grant> grants = store.grantsOf("manager-210");

        assertEquals(List.of("grant-1", "grant-3"), grants.stream().map(Grant::grantId).toList());
        assertEquals(3, store.grants().size());
    }

    @Test
    void revocationIsSeenAtOnceThroughAnotherConnectionPool() {
        store.add(grant("grant-1", "manager-210"));
        Instant revokedAt = FROM.plusSeconds(60);

        try (JdbcGrantStore other = new JdbcGrantStoreProvider().create(ProviderConfig.of(
                Map.of("directory", folder.toString()), Clock.systemUTC()))) {
            other.revoke("grant-1", revokedAt);
        }

        assertEquals(revokedAt, store.find("grant-1").orElseThrow().revokedAt());
    }

    @Test
    void revokingAgainKeepsTheFirstRevocation() {
        store.add(grant("grant-1", "manager-210"));
        store.revoke("grant-1", FROM.plusSeconds(60));

        Grant again = store.revoke("grant-1", FROM.plusSeconds(120)).orElseThrow();

        assertEquals(FROM.plusSeconds(60), again.revokedAt());
    }

    @Test
    void revokingAnUnknownGrantFindsNothing() {
        assertTrue(store.revoke("grant-404", FROM).isEmpty());
    }

    @Test
    void refusesASecondGrantWithTheSameId() {
        store.add(grant("grant-1", "manager-210"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.add(grant("grant-1", "manager-220")));

        assertTrue(refused.getMessage().contains("grant-1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("added once"), refused.getMessage());
    }

    @Test
    void theRevisionOfAnEmbeddedDatabaseChangesWithEveryAddAndRevocation() {
        long empty = store.revision().orElseThrow();
        store.add(grant("grant-1", "manager-210"));
        long added = store.revision().orElseThrow();

        store.revoke("grant-1", FROM.plusSeconds(60));

        assertNotEquals(empty, added);
        assertNotEquals(added, store.revision().orElseThrow());
    }

    @Test
    void aRevocationThroughAnotherStoreOnTheSameDatabaseChangesTheRevision() {
        store.add(grant("grant-1", "manager-210"));
        long before = store.revision().orElseThrow();

        try (JdbcGrantStore other = new JdbcGrantStoreProvider().create(ProviderConfig.of(
                Map.of("directory", folder.toString()), Clock.systemUTC()))) {
            other.revoke("grant-1", FROM.plusSeconds(60));
        }

        assertNotEquals(before, store.revision().orElseThrow());
    }

    @Test
    void aDatabaseOtherProcessesCanChangeTellsNoRevision() {
        String[] shared = {"jdbc:postgresql://127.0.0.1:5432/callrec",
            "jdbc:h2:file:/var/callrec/catalogue;AUTO_SERVER=TRUE",
            "jdbc:h2:tcp://127.0.0.1/callrec"};

        for (String url : shared) {
            assertFalse(JdbcGrantStore.isOwnedByThisProcess(url), url);
        }

        assertTrue(JdbcGrantStore.isOwnedByThisProcess("jdbc:h2:file:/var/callrec/catalogue"));
    }

    private static Grant grant(String id, String staffId) {
        return new Grant(id, staffId, "training", GrantScope.ALL, null, null, FROM, null,
                "manager-900", null);
    }
}
