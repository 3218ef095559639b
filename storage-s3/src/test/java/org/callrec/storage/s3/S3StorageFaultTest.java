package org.callrec.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.callrec.core.vault.LocalKeysetKeyProvider;
import org.callrec.core.vault.RecordingNotStoredException;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.CatalogueProvider;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 backend against a store that fails: a fault-injecting proxy on 127.0.0.1 in front of
 * S3Proxy answers 500 or 503, answers slowly, drops connections midway, or goes away. Each case
 * ends in a successful retry or a clear error, and never in a partial object.
 */
@ExtendWith(S3ApiServerExtension.class)
class S3StorageFaultTest {
    private static final ObjectKey KEY = ObjectKey.of("recordings/2025/02/03/rec-f");

    private static S3ApiServer server;

    @TempDir
    Path temp;

    private FaultProxy proxy;
    private String bucket;
    private S3StorageBackend backend;
    private S3StorageBackend direct;
    private S3Client look;

    @BeforeAll
    static void useTheServer(S3ApiServer shared) {
        server = shared;
    }

    @BeforeEach
    void openThroughTheProxy() throws IOException {
        proxy = new FaultProxy(server.port());
        bucket = server.newBucket();
        backend = open(proxy.endpoint(), 30);
        direct = open(server.endpoint(), 30);
        look = server.client();
    }

    private S3StorageBackend open(String endpoint, int timeoutSeconds) {
        Map<String, String> settings = server.settings(bucket, endpoint);
        settings.put(S3Settings.MAX_ATTEMPTS, "3");
        settings.put(S3Settings.ATTEMPT_TIMEOUT_SECONDS, Integer.toString(timeoutSeconds));
        return server.open(settings);
    }

    @AfterEach
    void closeAll() throws IOException {
        backend.close();
        direct.close();
        look.close();
        proxy.close();
    }

    @Test
    void retriesAPartAnswered503ThenStoresTheObjectWhole() throws IOException {
        byte[] bytes = bytes(12 * 1024 * 1024);
        proxy.inject(FaultProxy.Fault.ANSWER_503, 2, line -> line.contains("partNumber="));

        write(backend, bytes);

        assertEquals(2, proxy.faultsServed());
        assertArrayEquals(bytes, read());
        assertNoUploadLeft();
    }

    @Test
    void failsNamingTheBucketKeyAndStatusWhenEveryAttemptIsAnswered500() throws IOException {
        proxy.inject(FaultProxy.Fault.ANSWER_500, 1_000, line -> line.contains("partNumber="));

        IOException failure = assertThrows(IOException.class,
                () -> write(backend, bytes(12 * 1024 * 1024)));

        assertTrue(failure.getMessage().contains("'" + KEY + "'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("'" + bucket + "'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("status 500 (InternalError) after 3 attempts"),
                failure.getMessage());
        assertEquals(3, proxy.faultsServed());
        assertNothingVisible();
        assertNoUploadLeft();
    }

    @Test
    void retriesARequestAnsweredTooSlowly() throws IOException {
        backend.close();
        backend = open(proxy.endpoint(), 4);
        proxy.slowness(10_000);
        proxy.inject(FaultProxy.Fault.ANSWER_SLOWLY, 1, line -> line.startsWith("PUT "));
        byte[] bytes = bytes(40_000);

        write(backend, bytes);

        assertEquals(1, proxy.faultsServed());
        assertArrayEquals(bytes, read());
    }

    @Test
    void failsClearlyWhenEveryPartIsAnsweredTooSlowly() throws IOException {
        backend.close();
        backend = open(proxy.endpoint(), 4);
        proxy.slowness(10_000);
        proxy.inject(FaultProxy.Fault.ANSWER_SLOWLY, 1_000, line -> line.contains("partNumber="));

        IOException failure = assertThrows(IOException.class,
                () -> write(backend, bytes(6 * 1024 * 1024)));

        assertTrue(failure.getMessage().contains("could not upload part 1 of object '" + KEY
                + "' in bucket '" + bucket + "'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("after 3 attempts"), failure.getMessage());
        assertNothingVisible();
    }

    @Test
    void retriesAPartWhoseConnectionDroppedMidway() throws IOException {
        byte[] bytes = bytes(12 * 1024 * 1024);
        proxy.inject(FaultProxy.Fault.DROP_MIDWAY, 1, line -> line.contains("partNumber="));

        write(backend, bytes);

        assertEquals(1, proxy.faultsServed());
        assertArrayEquals(bytes, read());
        assertNoUploadLeft();
    }

    @Test
    void abortsTheUploadOnceAServerThatWentAwayMidUploadIsBack() throws IOException {
        byte[] bytes = bytes(6 * 1024 * 1024);
        IOException failure;

        try (PendingObject pending = backend.create(KEY)) {
            pending.stream().write(bytes);
            proxy.goAway();
            failure = assertThrows(IOException.class, pending::commit);
        }
        proxy.comeBack();
        List<?> leftWhileAway = look.listMultipartUploads(b -> b.bucket(bucket)).uploads();
        backend.abortAbandonedUploads();

        assertTrue(failure.getMessage().contains("'" + KEY + "'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no answer from the store"),
                failure.getMessage());
        assertEquals(1, leftWhileAway.size());
        assertNothingVisible();
        assertNoUploadLeft();
    }

    @Test
    void sendsServerSideEncryptionAndNamesTheStatusOfAStoreWithout() throws IOException {
        backend.close();
        Map<String, String> settings = server.settings(bucket, proxy.endpoint());
        settings.put(S3Settings.SSE, "AES256");
        backend = server.open(settings);

        // S3Proxy's filesystem store answers 501 to server-side encryption; AWS S3 accepts it.
        IOException refused = assertThrows(IOException.class, () -> write(backend, bytes(1_000)));

        String put = proxy.heads().stream().filter(h -> h.startsWith("PUT ")).findFirst()
                .orElseThrow().toLowerCase(java.util.Locale.ROOT);
        assertTrue(put.contains("\r\ncontent-md5: "), put);
        assertTrue(put.contains("\r\nif-none-match: *\r\n"), put);
        assertTrue(put.contains("\r\nx-amz-server-side-encryption: aes256\r\n"), put);
        assertFalse(put.contains(S3ApiServer.SECRET_KEY), put);
        assertTrue(refused.getMessage().contains("status 501 (NotImplemented)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("'" + KEY + "'"), refused.getMessage());
        assertNothingVisible();
    }

    @Test
    void passesObjectLockHeadersThroughOnMultipartUploads() {
        Map<String, String> settings = server.settings(bucket, proxy.endpoint());
        settings.put(S3Settings.OBJECT_LOCK_MODE, "GOVERNANCE");
        settings.put(S3Settings.OBJECT_LOCK_DAYS, "30");

        try (S3StorageBackend locked = server.open(settings)) {
            write(locked, bytes(6 * 1024 * 1024));
        } catch (IOException e) {
            // S3Proxy's filesystem store has no object lock; what counts is the request sent.
            assertTrue(e.getMessage().contains("'" + bucket + "'"), e.getMessage());
        }

        String start = proxy.heads().stream().filter(h -> h.startsWith("POST ")
                && h.contains("?uploads")).findFirst().orElseThrow()
                .toLowerCase(java.util.Locale.ROOT);
        assertTrue(start.contains("\r\nx-amz-object-lock-mode: governance\r\n"), start);
        assertTrue(start.contains("\r\nx-amz-object-lock-retain-until-date: 2026-02-04t10:00"),
                start);
    }

    @Test
    void cataloguesNoRecordingThatTheStoreRefused() throws IOException {
        proxy.inject(FaultProxy.Fault.ANSWER_500, 1_000, line -> line.startsWith("PUT "));
        Clock clock = Clock.fixed(Instant.parse("2025-02-03T10:20:00Z"), ZoneOffset.UTC);
        CatalogueProvider jdbc = new org.callrec.catalogue.jdbc.JdbcCatalogueProvider();

        try (LocalKeysetKeyProvider keys = new LocalKeysetKeyProvider(temp.resolve("keyset"));
                Catalogue catalogue = jdbc.create(ProviderConfig.of(
                        Map.of("directory", temp.resolve("catalogue").toString()), clock),
                        org.callrec.core.subject.PersonalDataKeyset.open(
                                temp.resolve("personal-data")))) {
            RecordingVault vault = new RecordingVault(backend, keys, catalogue, clock);

            RecordingNotStoredException refused = assertThrows(
                    RecordingNotStoredException.class, () -> vault.store("1530608400.42",
                            "span-1", Instant.parse("2025-02-03T10:10:00Z"),
                            Instant.parse("2025-02-03T10:15:00Z"),
                            new ByteArrayInputStream(bytes(300_000))));

            assertInstanceOf(IOException.class, refused.getCause());
            assertTrue(refused.getCause().getMessage().contains("status 500"),
                    refused.getCause().getMessage());
            assertEquals(List.of(), catalogue.recordings());
        }
        assertEquals(List.of(), direct.list(""));
    }

    private static void write(S3StorageBackend target, byte[] bytes) throws IOException {
        try (PendingObject pending = target.create(KEY)) {
            pending.stream().write(bytes);
            pending.commit();
        }
    }

    private byte[] read() throws IOException {
        try (InputStream in = direct.open(KEY)) {
            return in.readAllBytes();
        }
    }

    private void assertNothingVisible() throws IOException {
        assertFalse(direct.exists(KEY));
        assertEquals(List.of(), direct.list(""));
    }

    private void assertNoUploadLeft() {
        assertEquals(List.of(), look.listMultipartUploads(b -> b.bucket(bucket)).uploads());
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
