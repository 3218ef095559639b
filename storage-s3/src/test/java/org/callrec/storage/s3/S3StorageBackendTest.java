package org.callrec.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.testkit.storage.StorageBackendConformanceKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs the storage conformance kit against a real S3 API server (S3Proxy on 127.0.0.1), then
 * checks what only an object store can show: multipart uploads, the key prefix, the ETag check.
 */
@ExtendWith(S3ApiServerExtension.class)
class S3StorageBackendTest extends StorageBackendConformanceKit {
    @TempDir
    Path staging;

    private static S3ApiServer server;

    private String bucket;
    private S3Client look;

    @BeforeAll
    static void useTheServer(S3ApiServer shared) {
        server = shared;
    }

    @BeforeEach
    void openTheLook() {
        look = server.client();
    }

    @AfterEach
    void closeTheLook() {
        look.close();
    }

    @Override
    protected StorageBackend openBackend() throws IOException {
        bucket = server.newBucket();
        return server.open(settings());
    }

    private Map<String, String> settings() {
        Map<String, String> settings = server.settings(bucket, server.endpoint());
        settings.put(S3Settings.TEMP_DIRECTORY, staging.toString());
        return settings;
    }

    /** S3Proxy ignores If-None-Match, so a late writer cannot be refused: keys are unique. */
    @Override
    protected boolean refusesLateWritersOfATakenKey() {
        return false;
    }

    @Override
    protected void assertNothingLeftBehind() throws IOException {
        assertEquals(List.of(), look.listMultipartUploads(b -> b.bucket(bucket)).uploads(),
                "no multipart upload is left in the bucket");
        try (Stream<Path> files = Files.list(staging)) {
            assertEquals(List.of(), files.toList(), "no staged part is left on disk");
        }
    }

    @Test
    void sendsAnObjectLargerThanOnePartAsAMultipartUpload() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/long-call");
        byte[] bytes = randomBytes(11 * 1024 * 1024 + 17, 5);

        write(key, bytes);

        HeadObjectResponse head = look.headObject(b -> b.bucket(bucket)
                .key("callrec/" + key.value()));
        assertTrue(head.eTag().endsWith("-3\""), "three parts of 5 MiB: " + head.eTag());
        assertArrayEquals(bytes, read(key));
        assertNothingLeftBehind();
    }

    @Test
    void keepsObjectsUnderTheConfiguredPrefix() throws IOException {
        Map<String, String> settings = settings();
        settings.put(S3Settings.PREFIX, "landlord-a");
        backend.close();
        backend = server.open(settings);

        write(ObjectKey.of("recordings/rec-1"), new byte[] {1, 2});

        List<String> names = look.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
        assertTrue(names.contains("landlord-a/recordings/rec-1"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.startsWith("landlord-a/")), names.toString());
        assertEquals(List.of(ObjectKey.of("recordings/rec-1")), backend.list(""));
        assertEquals(List.of(ObjectKey.of("recordings/rec-1")), backend.list("recordings/"));
    }

    @Test
    void refusesToReturnBytesThatNoLongerMatchTheirETag() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/tampered");
        write(key, randomBytes(70_000, 6));
        Path stored = server.folder().resolve(bucket).resolve("callrec")
                .resolve(key.value());
        byte[] onDisk = Files.readAllBytes(stored);
        onDisk[1234] ^= 0x01;
        Files.write(stored, onDisk);

        IOException refused = assertThrows(IOException.class, () -> {
            try (InputStream in = backend.open(key)) {
                in.readAllBytes();
            }
        });

        assertTrue(refused.getMessage().contains("'recordings/tampered'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("'" + bucket + "'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("failed its integrity check"),
                refused.getMessage());
    }
}
