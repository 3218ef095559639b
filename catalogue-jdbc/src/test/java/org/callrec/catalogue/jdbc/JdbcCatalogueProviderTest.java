package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.CatalogueProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the provider and the configuration it accepts and refuses. */
class JdbcCatalogueProviderTest {
    private static final TestSeal SEAL = new TestSeal();

    @TempDir
    Path folder;

    private static ProviderConfig config(Map<String, String> settings) {
        return ProviderConfig.of(settings, Clock.systemUTC());
    }

    private static InvalidConfigurationException refused(Map<String, String> settings) {
        return assertThrows(InvalidConfigurationException.class,
                () -> new JdbcCatalogueProvider().create(config(settings), SEAL).close());
    }

    @Test
    void refusesToOpenWithoutASealForPersonalData() {
        Map<String, String> settings = Map.of("directory", folder.toString());

        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> new JdbcCatalogueProvider().create(config(settings)));

        assertTrue(error.getMessage().contains("only sealed"), error.getMessage());
        assertTrue(error.getMessage().contains("PersonalDataSeal"), error.getMessage());
    }

    @Test
    void isFoundByServiceLoaderAsJdbc() {
        List<CatalogueProvider> found = ServiceLoader.load(CatalogueProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals("jdbc"))
                .toList();

        assertEquals(1, found.size());
        assertInstanceOf(JdbcCatalogueProvider.class, found.get(0));
    }

    @Test
    void opensAnEmbeddedDatabaseInTheGivenFolder() {
        Path nested = folder.resolve("not/yet/there");

        try (Catalogue catalogue = new JdbcCatalogueProvider()
                .create(config(Map.of("directory", nested.toString())), SEAL)) {
            assertTrue(catalogue.calls().isEmpty());
        }

        assertTrue(Files.exists(nested.resolve("catalogue.mv.db")));
    }

    @Test
    void opensADatabaseNamedByUrlWithCredentials() {
        String url = "jdbc:h2:file:" + folder.resolve("by-url");
        Map<String, String> settings = Map.of("url", url, "user", "callrec",
                "password", "s3cret-pw", "pool-size", "2");

        try (Catalogue catalogue = new JdbcCatalogueProvider().create(config(settings), SEAL)) {
            assertFalse(catalogue.toString().contains("s3cret-pw"), catalogue.toString());
            assertTrue(catalogue.recordings().isEmpty());
        }
    }

    @Test
    void refusesConfigurationWithNeitherUrlNorDirectory() {
        InvalidConfigurationException error = refused(Map.of("pool-size", "2"));

        assertTrue(error.getMessage().contains("'url'"), error.getMessage());
        assertTrue(error.getMessage().contains("'directory'"), error.getMessage());
        assertTrue(error.getMessage().contains("neither was given"), error.getMessage());
    }

    @Test
    void refusesConfigurationWithBothUrlAndDirectory() {
        InvalidConfigurationException error = refused(Map.of("url", "jdbc:h2:mem:x",
                "directory", folder.toString()));

        assertTrue(error.getMessage().contains("not both"), error.getMessage());
    }

    @Test
    void refusesAPoolSizeThatIsNotANumber() {
        InvalidConfigurationException error = refused(Map.of("directory", folder.toString(),
                "pool-size", "lots"));

        assertTrue(error.getMessage().contains("'pool-size'"), error.getMessage());
        assertTrue(error.getMessage().contains("'lots'"), error.getMessage());
        assertTrue(error.getMessage().contains("from 1 to 64"), error.getMessage());
    }

    @Test
    void refusesAPoolSizeOutOfRange() {
        InvalidConfigurationException zero = refused(Map.of("directory", folder.toString(),
                "pool-size", "0"));
        InvalidConfigurationException huge = refused(Map.of("directory", folder.toString(),
                "pool-size", "65"));

        assertTrue(zero.getMessage().contains("'0'"), zero.getMessage());
        assertTrue(huge.getMessage().contains("'65'"), huge.getMessage());
        assertTrue(huge.getMessage().contains("from 1 to 64"), huge.getMessage());
    }

    @Test
    void refusesAUrlOfAnUnsupportedDatabaseWithoutShowingItsPassword() {
        InvalidConfigurationException error = refused(Map.of(
                "url", "jdbc:mysql://db.internal/calls?user=app&password=hunter2"));

        assertTrue(error.getMessage().contains("'url'"), error.getMessage());
        assertTrue(error.getMessage().contains("jdbc:mysql://db.internal/calls"),
                error.getMessage());
        assertTrue(error.getMessage().contains("'jdbc:h2:' or 'jdbc:postgresql:'"),
                error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void refusesADirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(folder.resolve("plain.txt"), "not a folder");

        InvalidConfigurationException error = refused(Map.of("directory", file.toString()));

        assertTrue(error.getMessage().contains("'directory'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("must be a folder"), error.getMessage());
    }

    @Test
    void refusesADirectoryThatWouldSmuggleH2Settings() {
        String hostile = folder + ";INIT=RUNSCRIPT FROM 'x'";

        InvalidConfigurationException error = refused(Map.of("directory", hostile));

        assertTrue(error.getMessage().contains("'directory'"), error.getMessage());
        assertTrue(error.getMessage().contains("must not contain ';'"), error.getMessage());
        assertTrue(error.getMessage().contains("INIT=RUNSCRIPT"), error.getMessage());
    }

    @Test
    void reportsADatabaseItCannotOpenWithoutItsPassword() {
        String url = "jdbc:h2:file:" + folder.resolve("locked");
        new JdbcCatalogueProvider().create(config(Map.of("url", url, "user", "owner",
                "password", "right")), SEAL).close();

        CatalogueStorageException error = assertThrows(CatalogueStorageException.class,
                () -> new JdbcCatalogueProvider().create(config(Map.of("url", url,
                        "user", "owner", "password", "wrong-pw")), SEAL));

        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertFalse(error.getMessage().contains("wrong-pw"), error.getMessage());
    }
}
