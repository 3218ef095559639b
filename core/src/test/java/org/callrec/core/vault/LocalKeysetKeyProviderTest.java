package org.callrec.core.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.keys.KeyProvider;
import org.callrec.spi.keys.KeyProviderFactory;
import org.callrec.spi.keys.WrappedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalKeysetKeyProviderTest {
    private static final byte[] DATA_KEY = "a data key of thirty-two bytes!!".getBytes(UTF_8);
    private static final byte[] BINDING = "rec-0001".getBytes(UTF_8);

    @TempDir
    Path temp;

    @Test
    void createsTheKeysetFileOnFirstUseReadableByItsOwnerOnly() throws IOException {
        Path file = temp.resolve("secrets/keyset.bin");

        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(file)) {
            assertTrue(Files.isRegularFile(file));
            assertEquals("rw-------", permissionsOf(file));
            assertEquals("rwx------", permissionsOf(file.getParent()));
            assertTrue(keys.currentKeyId().matches("[0-9]+"), keys.currentKeyId());
        }
    }

    @Test
    void leavesNoTemporaryFileBesideTheKeyset() throws Exception {
        Path file = temp.resolve("keyset.bin");

        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(file)) {
            keys.destroy(keys.currentKeyId());
        }

        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void unwrapsWhatItWrapped() throws GeneralSecurityException, IOException {
        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(temp.resolve("k.bin"))) {
            WrappedKey wrapped = keys.wrap(DATA_KEY, BINDING);

            assertEquals(keys.currentKeyId(), wrapped.keyId());
            assertFalse(new String(wrapped.bytes(), UTF_8).contains("thirty-two"));
            assertArrayEquals(DATA_KEY, keys.unwrap(wrapped, BINDING));
        }
    }

    @Test
    void refusesToUnwrapWithOtherAssociatedData() throws GeneralSecurityException, IOException {
        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(temp.resolve("k.bin"))) {
            WrappedKey wrapped = keys.wrap(DATA_KEY, BINDING);

            assertThrows(GeneralSecurityException.class,
                    () -> keys.unwrap(wrapped, "rec-0002".getBytes(UTF_8)));
        }
    }

    @Test
    void reloadsTheSameKeysInAnotherInstance() throws GeneralSecurityException, IOException {
        Path file = temp.resolve("keyset.bin");
        WrappedKey wrapped;
        String keyId;
        try (LocalKeysetKeyProvider first = new LocalKeysetKeyProvider(file)) {
            wrapped = first.wrap(DATA_KEY, BINDING);
            keyId = first.currentKeyId();
        }

        try (LocalKeysetKeyProvider second = new LocalKeysetKeyProvider(file)) {
            assertEquals(keyId, second.currentKeyId());
            assertArrayEquals(DATA_KEY, second.unwrap(wrapped, BINDING));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"})
    void refusesAKeysetFileThatItsGroupOrOthersCanAccess(String permissions) throws IOException {
        Path file = temp.resolve("keyset.bin");
        new LocalKeysetKeyProvider(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new LocalKeysetKeyProvider(file));

        assertTrue(refused.getMessage().contains("'" + file + "'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(permissions), refused.getMessage());
        assertTrue(refused.getMessage().contains("owner only (0600"), refused.getMessage());
    }

    @Test
    void refusesAFileThatIsNotAKeysetNamingIt() throws IOException {
        Path file = temp.resolve("keyset.bin");
        Files.write(file, "not a keyset".getBytes(UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new LocalKeysetKeyProvider(file));

        assertTrue(refused.getMessage().contains("'" + file + "'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("is not a Tink keyset"), refused.getMessage());
        assertEquals("not a keyset", Files.readString(file));
    }

    @Test
    void destroyingAKeyMakesWhatItWrappedUnrecoverableForGood() throws Exception {
        Path file = temp.resolve("keyset.bin");
        LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(file);
        WrappedKey wrapped = keys.wrap(DATA_KEY, BINDING);

        keys.destroy(wrapped.keyId());

        GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
                () -> keys.unwrap(wrapped, BINDING));
        assertTrue(refused.getMessage().contains("'" + wrapped.keyId() + "'"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("destroyed"), refused.getMessage());
        assertNotEquals(wrapped.keyId(), keys.currentKeyId());
        assertEquals("rw-------", permissionsOf(file));
        keys.close();
        try (LocalKeysetKeyProvider reloaded = new LocalKeysetKeyProvider(file)) {
            assertThrows(GeneralSecurityException.class, () -> reloaded.unwrap(wrapped, BINDING));
        }
    }

    @Test
    void keepsWorkingWithAFreshKeyAfterTheCurrentOneIsDestroyed() throws Exception {
        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(temp.resolve("k.bin"))) {
            String destroyed = keys.currentKeyId();
            keys.destroy(destroyed);

            WrappedKey wrapped = keys.wrap(DATA_KEY, BINDING);

            assertNotEquals(destroyed, wrapped.keyId());
            assertArrayEquals(DATA_KEY, keys.unwrap(wrapped, BINDING));
        }
    }

    @Test
    void ignoresDestroyingAnUnknownKey() throws Exception {
        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(temp.resolve("k.bin"))) {
            WrappedKey wrapped = keys.wrap(DATA_KEY, BINDING);

            keys.destroy("12345");
            keys.destroy("not-a-key-id");

            assertEquals(wrapped.keyId(), keys.currentKeyId());
            assertArrayEquals(DATA_KEY, keys.unwrap(wrapped, BINDING));
        }
    }

    @Test
    void isFoundByServiceLoaderAsLocalKeysetAndReadsItsSetting() throws IOException {
        Path file = temp.resolve("from-config.bin");
        ProviderConfig config = config(Map.of("keyset-file", file.toString()));
        KeyProviderFactory factory = ServiceLoader.load(KeyProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("local-keyset"))
                .findFirst()
                .orElseThrow();

        try (KeyProvider keys = factory.create(config)) {
            assertTrue(Files.isRegularFile(file));
            assertEquals("rw-------", permissionsOf(file));
        }
    }

    @Test
    void factoryRefusesAnUnknownSettingNamingIt() {
        ProviderConfig config = config(Map.of("keyset-file", temp.resolve("k").toString(),
                "keyset_file", "typo"));

        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new LocalKeysetKeyProviderFactory().create(config));

        assertTrue(refused.getMessage().contains("[keyset_file]"), refused.getMessage());
        assertTrue(refused.getMessage().contains("only setting is 'keyset-file'"),
                refused.getMessage());
    }

    @Test
    void factoryRefusesAMissingKeysetFileSetting() {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new LocalKeysetKeyProviderFactory().create(config(Map.of())));

        assertTrue(refused.getMessage().contains("'keyset-file'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("required"), refused.getMessage());
    }

    private static ProviderConfig config(Map<String, String> settings) {
        return ProviderConfig.of(settings,
                Clock.fixed(Instant.parse("2025-02-03T10:00:00Z"), ZoneOffset.UTC));
    }

    private static String permissionsOf(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
