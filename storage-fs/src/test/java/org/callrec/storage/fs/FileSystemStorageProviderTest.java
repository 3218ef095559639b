package org.callrec.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.spi.storage.StorageBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStorageProviderTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-02-03T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void isFoundByServiceLoaderUnderTheNameFs() {
        List<String> names = ServiceLoader.load(StorageBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(StorageBackendProvider::name)
                .toList();

        assertEquals(List.of("fs"), names);
    }

    @Test
    void opensABackendOnTheConfiguredRootCreatingIt() throws IOException {
        Path root = temp.resolve("a/b/store");

        try (StorageBackend backend = new FileSystemStorageProvider()
                .create(ProviderConfig.of(Map.of("root", root.toString()), CLOCK))) {
            assertTrue(Files.isDirectory(root));
            assertEquals(List.of(), backend.list(""));
        }
    }

    @Test
    void refusesAMissingRootSettingNamingIt() {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new FileSystemStorageProvider().create(ProviderConfig.of(Map.of(), CLOCK)));

        assertTrue(refused.getMessage().contains("'root'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("required"), refused.getMessage());
    }

    @Test
    void refusesAnUnknownSettingNamingIt() {
        ProviderConfig config = ProviderConfig.of(
                Map.of("root", temp.toString(), "rot", "typo"), CLOCK);

        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new FileSystemStorageProvider().create(config));

        assertTrue(refused.getMessage().contains("[rot]"), refused.getMessage());
        assertTrue(refused.getMessage().contains("only setting is 'root'"), refused.getMessage());
    }
}
