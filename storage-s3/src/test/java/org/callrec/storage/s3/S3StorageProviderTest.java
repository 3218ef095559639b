package org.callrec.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.storage.StorageBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(S3ApiServerExtension.class)
class S3StorageProviderTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void isFoundThroughTheServiceLoaderAsS3() {
        List<String> names = ServiceLoader.load(StorageBackendProvider.class).stream()
                .map(p -> p.get().name()).toList();

        assertTrue(names.contains("s3"), names.toString());
    }

    @Test
    void refusesAnUnknownSettingNamingIt(S3ApiServer server) {
        Map<String, String> settings = server.settings(server.newBucket(), server.endpoint());
        settings.put("bukcet", "typo");

        InvalidConfigurationException refused = assertThrows(
                InvalidConfigurationException.class, () -> create(settings));

        assertTrue(refused.getMessage().contains("[bukcet]"), refused.getMessage());
    }

    @Test
    void refusesAnAccessKeyWithoutItsSecretKey(S3ApiServer server) {
        Map<String, String> settings = server.settings(server.newBucket(), server.endpoint());
        settings.remove(S3Settings.SECRET_KEY);

        InvalidConfigurationException refused = assertThrows(
                InvalidConfigurationException.class, () -> create(settings));

        assertTrue(refused.getMessage().contains("'access-key' and 'secret-key' go together"),
                refused.getMessage());
    }

    @Test
    void refusesAnInvalidBucketNameNamingIt(S3ApiServer server) {
        Map<String, String> settings = server.settings("Bad_Bucket", server.endpoint());

        InvalidConfigurationException refused = assertThrows(
                InvalidConfigurationException.class, () -> create(settings));

        assertTrue(refused.getMessage().contains("'Bad_Bucket'"), refused.getMessage());
    }

    @Test
    void failsAtStartNamingABucketThatDoesNotExistAndItsStatus(S3ApiServer server) {
        Map<String, String> settings = server.settings("no-such-bucket", server.endpoint());

        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> create(settings));

        assertTrue(refused.getMessage().contains("bucket 'no-such-bucket'"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("status 404"), refused.getMessage());
    }

    @Test
    void neverShowsTheSecretKey(S3ApiServer server) throws Exception {
        Map<String, String> settings = server.settings(server.newBucket(), server.endpoint());

        try (var backend = create(settings)) {
            String described = backend.toString();

            assertFalse(described.contains(S3ApiServer.SECRET_KEY), described);
            assertFalse(described.contains(S3ApiServer.ACCESS_KEY), described);
            assertEquals(S3StorageBackend.class, backend.getClass());
        }
    }

    private static org.callrec.spi.storage.StorageBackend create(Map<String, String> settings) {
        return new S3StorageProvider().create(ProviderConfig.of(settings, CLOCK));
    }
}
