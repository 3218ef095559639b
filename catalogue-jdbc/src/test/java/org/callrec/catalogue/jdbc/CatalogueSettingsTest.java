package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.callrec.spi.ProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading settings, and keeping credentials out of what is logged. */
class CatalogueSettingsTest {
    @TempDir
    Path folder;

    @Test
    void embeddedDatabaseWritesEachCommitAtOnceSoAKilledProcessLosesNoStoredRecording() {
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of("directory", folder.toString()), Clock.systemUTC()));

        String url = settings.url();

        assertTrue(url.contains(";WRITE_DELAY=0;"), url);
    }

    @Test
    void embeddedDatabaseKeepsThePlannedStatementsOfACallRecordReadForTheNextRead() {
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of("directory", folder.toString()), Clock.systemUTC()));

        String url = settings.url();

        assertTrue(url.endsWith(";QUERY_CACHE_SIZE=64"), url);
    }

    @Test
    void defaultsToASmallPoolAndAnEmbeddedDatabaseInTheFolder() {
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of("directory", folder.toString()), Clock.systemUTC()));

        assertEquals(CatalogueSettings.DEFAULT_POOL_SIZE, settings.poolSize());
        assertEquals("jdbc:h2:file:" + folder.toAbsolutePath().normalize().resolve("catalogue")
                + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64", settings.url());
        assertEquals(Vendor.H2, settings.vendor());
    }

    @Test
    void choosesThePostgresqlMigrationsForAPostgresqlUrl() {
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of("url", "jdbc:postgresql://127.0.0.1:5432/callrec"), Clock.systemUTC()));

        assertEquals(Vendor.POSTGRESQL, settings.vendor());
        assertEquals("classpath:db/migration/postgresql",
                settings.vendor().migrationLocations()[1]);
    }

    @Test
    void hidesPasswordsAndUsersInPostgresqlUrls() {
        String url = "jdbc:postgresql://127.0.0.1/callrec?user=app&password=hunter2&ssl=true";

        String shown = CatalogueSettings.redact(url);

        assertEquals("jdbc:postgresql://127.0.0.1/callrec?user=***&password=***&ssl=true", shown);
    }

    @Test
    void hidesPasswordsInH2UrlsAndUserInfo() {
        assertEquals("jdbc:h2:file:/data/c;USER=***;PASSWORD=***;MODE=Regular",
                CatalogueSettings.redact("jdbc:h2:file:/data/c;USER=sa;PASSWORD=pw;MODE=Regular"));
        assertEquals("jdbc:postgresql://***@db/callrec",
                CatalogueSettings.redact("jdbc:postgresql://app:hunter2@db/callrec"));
    }

    @Test
    void describesItselfWithoutThePassword() {
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of("directory", folder.toString(), "user", "sa", "password", "hunter2"),
                Clock.systemUTC()));

        String text = settings.toString();

        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("pool-size=4"), text);
    }
}
