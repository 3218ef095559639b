package org.callrec.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.callrec.spi.storage.InvalidObjectKeyException;
import org.callrec.spi.storage.ObjectAlreadyExistsException;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link StorageBackend} on an S3-compatible object store. Objects go up as a single PUT when
 * they fit in one part and as a multipart upload otherwise, each part staged in a temporary file
 * so that memory use is bounded whatever the object's size; see {@link S3PendingObject}.
 *
 * <p>An existing key is never overwritten: {@link #create} and the commit both check that the
 * key is free, and the final write carries {@code If-None-Match: *} so that a store with
 * conditional writes refuses a writer that lost a race. Stores without conditional writes (S3Proxy
 * among them) cannot refuse such a late writer; there the uniqueness of keys comes from the
 * vault's random recording ids.
 *
 * <p>Throttling, server errors and dropped connections are retried with backoff by the SDK's
 * standard retry strategy; other failures are {@link IOException}s naming the bucket, the key
 * and the status. Safe for use from many threads.
 */
public final class S3StorageBackend implements StorageBackend {
    /** User metadata naming the part size an object was uploaded with, to check its ETag. */
    static final String PART_SIZE_METADATA = "callrec-part-size";

    private static final Logger LOG = LoggerFactory.getLogger(S3StorageBackend.class);

    private final S3Settings settings;
    private final S3Client client;
    private final S3Failures failures;
    private final Queue<Upload> abandoned = new ConcurrentLinkedQueue<>();

    S3StorageBackend(S3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = client(settings);
        this.failures = new S3Failures(settings.bucket);
    }

    private static S3Client client(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.accessKey.get(), settings.secretKey.orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .socketTimeout(settings.attemptTimeout)
                        .connectionTimeout(settings.attemptTimeout)
                        .maxConnections(64))
                .region(Region.of(settings.region))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle)
                // Content-MD5 on every body is this backend's own check; the SDK's trailing
                // checksums are extra, and some S3-compatible servers cannot read them.
                .requestChecksumCalculation(settings.sdkChecksumsWhenSupported
                        ? RequestChecksumCalculation.WHEN_SUPPORTED
                        : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(settings.sdkChecksumsWhenSupported
                        ? ResponseChecksumValidation.WHEN_SUPPORTED
                        : ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts).build())
                        .apiCallAttemptTimeout(settings.attemptTimeout));
        settings.endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Checks that the bucket can be reached, so that a wrong setting fails at start rather than
     * at the first recording.
     *
     * @throws IOException naming the bucket and the status when it cannot be reached
     */
    void checkBucket() throws IOException {
        try {
            client.headBucket(b -> b.bucket(settings.bucket));
        } catch (SdkException e) {
            throw failures.ofBucket("reach", e);
        }
        LOG.info("S3 storage ready: {}", settings);
    }

    @Override
    public PendingObject create(ObjectKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        if (exists(key)) {
            throw new ObjectAlreadyExistsException(key);
        }
        abortAbandonedUploads();
        return new S3PendingObject(client, settings, failures, key, this::exists,
                (abandonedKey, uploadId) -> abandoned.add(new Upload(abandonedKey, uploadId)));
    }

    /**
     * Aborts uploads that failed while the store could not be reached, so that their parts do
     * not outlive the failure. Stops at the first that still cannot be aborted.
     */
    void abortAbandonedUploads() {
        for (Upload upload = abandoned.poll(); upload != null; upload = abandoned.poll()) {
            Upload each = upload;
            try {
                client.abortMultipartUpload(b -> b.bucket(settings.bucket)
                        .key(settings.objectName(each.key())).uploadId(each.uploadId()));
                LOG.info("Aborted multipart upload {} of object {} in bucket {} after a failure",
                        each.uploadId(), each.key(), settings.bucket);
            } catch (S3Exception e) {
                LOG.warn("Gave up aborting multipart upload {} of object {} in bucket {}: {}",
                        each.uploadId(), each.key(), settings.bucket, S3Failures.describe(e));
            } catch (SdkException e) {
                abandoned.add(each);
                return;
            }
        }
    }

    /** A multipart upload to abort later. */
    private record Upload(ObjectKey key, String uploadId) {
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = client.getObject(b -> b.bucket(settings.bucket)
                    .key(settings.objectName(key)));
        } catch (NoSuchKeyException e) {
            throw missing(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing(key);
            }
            throw failures.of("read", key, e);
        } catch (SdkException e) {
            throw failures.of("read", key, e);
        }
        return new ETagCheckedStream(response, key, settings.bucket, partSize(
                response.response().metadata()));
    }

    private NoSuchFileException missing(ObjectKey key) {
        return new NoSuchFileException(key.value(), null,
                "no object in bucket '" + settings.bucket + "'");
    }

    private static long partSize(Map<String, String> metadata) {
        String value = metadata.get(PART_SIZE_METADATA);
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean exists(ObjectKey key) throws IOException {
        return head(key) != null;
    }

    @Override
    public long size(ObjectKey key) throws IOException {
        HeadObjectResponse head = head(key);
        return head == null ? -1 : head.contentLength();
    }

    private HeadObjectResponse head(ObjectKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        try {
            return client.headObject(b -> b.bucket(settings.bucket)
                    .key(settings.objectName(key)));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw failures.of("look up", key, e);
        } catch (SdkException e) {
            throw failures.of("look up", key, e);
        }
    }

    @Override
    public boolean delete(ObjectKey key) throws IOException {
        if (!exists(key)) {
            return false;
        }
        try {
            client.deleteObject(b -> b.bucket(settings.bucket).key(settings.objectName(key)));
        } catch (SdkException e) {
            throw failures.of("delete", key, e);
        }
        LOG.debug("Deleted object {} from bucket {}", key, settings.bucket);
        return true;
    }

    @Override
    public List<ObjectKey> list(String prefix) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        checkPrefix(prefix);
        List<ObjectKey> keys = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(settings.bucket)
                .prefix(settings.prefix + prefix).build();
        try {
            // Limitation: the whole listing is gathered in memory, as the contract returns a
            // list; a bucket of millions of recordings needs a paged listing in the SPI.
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                String name = object.key().substring(settings.prefix.length());
                if (name.isEmpty() || name.endsWith("/")) {
                    // A folder marker, as file-backed stores show them: not an object.
                    continue;
                }
                try {
                    keys.add(ObjectKey.of(name));
                } catch (InvalidObjectKeyException e) {
                    LOG.warn("Skipped an object in bucket {} whose name is not an object key",
                            settings.bucket);
                }
            }
        } catch (SdkException e) {
            throw failures.ofBucket("list prefix '" + prefix + "' in", e);
        }
        keys.sort((a, b) -> a.value().compareTo(b.value()));
        return keys;
    }

    /** Refuses a prefix that no key could start with, so that nothing hostile reaches S3. */
    private static void checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return;
        }
        int lastSlash = prefix.lastIndexOf('/');
        if (lastSlash >= 0) {
            ObjectKey.of(prefix.substring(0, lastSlash));
        }
        String rest = prefix.substring(lastSlash + 1);
        if (!rest.isEmpty()) {
            ObjectKey.of(rest);
        }
    }

    /** Returns the bucket this backend writes to, for messages. */
    String bucket() {
        return settings.bucket;
    }

    @Override
    public void close() {
        abortAbandonedUploads();
        client.close();
    }

    @Override
    public String toString() {
        return "S3StorageBackend[" + settings + "]";
    }
}
