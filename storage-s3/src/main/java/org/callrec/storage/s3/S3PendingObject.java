package org.callrec.storage.s3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.callrec.spi.storage.ObjectAlreadyExistsException;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An object on its way to S3. Bytes are staged one part at a time in an owner-only temporary file
 * (ciphertext only: the vault encrypts before the backend sees a byte); a full part goes up as a
 * part of a multipart upload, started at the first full part. An object smaller than one part
 * goes up as a single PUT at commit. Nothing is visible under the key until the commit's final
 * request succeeds, and closing without a commit aborts the upload so that no parts are kept.
 *
 * <p>Every body carries its Content-MD5, which the store checks before it accepts the body; each
 * part's returned ETag is compared with the MD5 that was sent.
 */
final class S3PendingObject implements PendingObject {
    private static final Logger LOG = LoggerFactory.getLogger(S3PendingObject.class);

    /** Tells whether an object exists under a key, asking the store. */
    interface Existence {
        boolean test(ObjectKey key) throws IOException;
    }

    /** Takes an upload that could not be aborted, to abort it when the store is back. */
    interface Abandoned {
        void keep(ObjectKey key, String uploadId);
    }

    private final S3Client client;
    private final S3Settings settings;
    private final S3Failures failures;
    private final ObjectKey key;
    private final Existence existence;
    private final Abandoned abandoned;
    private final Path staging;
    private final PartStream stream;
    private final List<CompletedPart> parts = new ArrayList<>();

    private String uploadId;
    private boolean finished;

    S3PendingObject(S3Client client, S3Settings settings, S3Failures failures, ObjectKey key,
            Existence existence, Abandoned abandoned) throws IOException {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
        this.key = key;
        this.existence = existence;
        this.abandoned = abandoned;
        this.staging = stagingFile(settings);
        this.stream = new PartStream();
    }

    private static Path stagingFile(S3Settings settings) throws IOException {
        var ownerOnly = PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"));
        return settings.tempDirectory.isPresent()
                ? Files.createTempFile(settings.tempDirectory.get(), "callrec-s3-", ".part",
                        ownerOnly)
                : Files.createTempFile("callrec-s3-", ".part", ownerOnly);
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public void commit() throws IOException {
        if (finished) {
            throw new IOException("object '" + key + "' in bucket '" + settings.bucket
                    + "' was already committed or discarded");
        }
        try {
            stream.finishPart();
            if (uploadId == null) {
                putWhole();
            } else {
                if (stream.partBytes > 0 || parts.isEmpty()) {
                    uploadPart();
                }
                completeUpload();
            }
            finished = true;
            LOG.debug("Stored object {} in bucket {} in {} part(s)", key, settings.bucket,
                    Math.max(1, parts.size()));
        } catch (IOException | RuntimeException e) {
            discard(e);
            throw e;
        } finally {
            deleteStaging();
        }
    }

    private void putWhole() throws IOException {
        refuseWhenTaken();
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(settings.bucket).key(settings.objectName(key))
                .contentMD5(stream.partMd5Base64())
                .metadata(Map.of(S3StorageBackend.PART_SIZE_METADATA,
                        Long.toString(settings.partSize)));
        if (settings.conditionalWrites) {
            request.ifNoneMatch("*");
        }
        settings.serverSideEncryption.ifPresent(request::serverSideEncryption);
        settings.kmsKeyId.ifPresent(request::ssekmsKeyId);
        settings.objectLockMode.ifPresent(mode -> request.objectLockMode(mode)
                .objectLockRetainUntilDate(retainUntil()));
        try {
            client.putObject(request.build(), RequestBody.fromFile(staging));
        } catch (S3Exception e) {
            throw refusedOrFailed("store", e);
        } catch (SdkException e) {
            throw failures.of("store", key, e);
        }
    }

    private void startUpload() throws IOException {
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
                .bucket(settings.bucket).key(settings.objectName(key))
                .metadata(Map.of(S3StorageBackend.PART_SIZE_METADATA,
                        Long.toString(settings.partSize)));
        settings.serverSideEncryption.ifPresent(request::serverSideEncryption);
        settings.kmsKeyId.ifPresent(request::ssekmsKeyId);
        settings.objectLockMode.ifPresent(mode -> request.objectLockMode(mode)
                .objectLockRetainUntilDate(retainUntil()));
        try {
            uploadId = client.createMultipartUpload(request.build()).uploadId();
        } catch (SdkException e) {
            throw failures.of("start a multipart upload of", key, e);
        }
        LOG.debug("Started multipart upload of object {} in bucket {}", key, settings.bucket);
    }

    private java.time.Instant retainUntil() {
        // Counted from the injected clock, like every instant Callrec writes.
        return settings.clock.instant().plus(java.time.Duration.ofDays(settings.objectLockDays));
    }

    private void uploadPart() throws IOException {
        if (uploadId == null) {
            startUpload();
        }
        int number = parts.size() + 1;
        String md5 = stream.partMd5Base64();
        UploadPartResponse response;
        try {
            response = client.uploadPart(b -> b.bucket(settings.bucket)
                    .key(settings.objectName(key)).uploadId(uploadId).partNumber(number)
                    .contentMD5(md5), RequestBody.fromFile(staging));
        } catch (SdkException e) {
            throw failures.of("upload part " + number + " of", key, e);
        }
        checkPartETag(number, response.eTag());
        parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
        stream.startPart();
    }

    private void checkPartETag(int number, String eTag) throws IOException {
        String expected = HexFormat.of().formatHex(stream.partMd5);
        String returned = eTag == null ? "" : eTag.replace("\"", "");
        boolean md5Shaped = returned.matches("[0-9a-f]{32}");
        if (md5Shaped && !settings.serverSideEncryption.filter(s -> s.startsWith("aws:kms"))
                .isPresent() && !returned.equals(expected)) {
            throw new IOException("part " + number + " of object '" + key + "' in bucket '"
                    + settings.bucket + "' was stored with MD5 " + returned + " but "
                    + expected + " was sent");
        }
    }

    private void completeUpload() throws IOException {
        refuseWhenTaken();
        try {
            client.completeMultipartUpload(b -> {
                b.bucket(settings.bucket).key(settings.objectName(key)).uploadId(uploadId)
                        .multipartUpload(u -> u.parts(parts));
                if (settings.conditionalWrites) {
                    b.ifNoneMatch("*");
                }
            });
        } catch (S3Exception e) {
            throw refusedOrFailed("complete the multipart upload of", e);
        } catch (SdkException e) {
            throw failures.of("complete the multipart upload of", key, e);
        }
        uploadId = null;
    }

    /**
     * Refuses to commit over an object another writer committed meanwhile. A store without
     * conditional writes leaves a window between this check and the final request.
     */
    private void refuseWhenTaken() throws IOException {
        // Limitation: without conditional writes (S3Proxy ignores If-None-Match) a writer that
        // commits between this check and the final request is overwritten; keys are unique by
        // construction in the vault, so this only matters for callers that reuse keys.
        if (existence.test(key)) {
            throw new ObjectAlreadyExistsException(key);
        }
    }

    private IOException refusedOrFailed(String action, S3Exception e) {
        if (e.statusCode() == 412 || e.statusCode() == 409) {
            ObjectAlreadyExistsException refused = new ObjectAlreadyExistsException(key);
            refused.initCause(e);
            return refused;
        }
        return failures.of(action, key, e);
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        try {
            discard(null);
        } finally {
            deleteStaging();
        }
    }

    /** Aborts the upload, keeping the first failure as the one reported. */
    private void discard(Exception failure) {
        finished = true;
        stream.closed = true;
        if (uploadId == null) {
            return;
        }
        String upload = uploadId;
        uploadId = null;
        try {
            client.abortMultipartUpload(b -> b.bucket(settings.bucket)
                    .key(settings.objectName(key)).uploadId(upload));
            LOG.debug("Aborted multipart upload of object {} in bucket {}", key,
                    settings.bucket);
        } catch (SdkException e) {
            // The backend aborts it again when the store answers; a process that ends first
            // leaves the parts to a bucket lifecycle rule (AbortIncompleteMultipartUpload).
            abandoned.keep(key, upload);
            LOG.warn("Could not abort multipart upload {} of object {} in bucket {}: {}",
                    upload, key, settings.bucket, S3Failures.describe(e));
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    private void deleteStaging() {
        try {
            stream.closeFile();
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            LOG.warn("Could not delete staging file {}: {}", staging, e.toString());
        }
    }

    /** Writes to the staging file, sending each full part on. */
    private final class PartStream extends OutputStream {
        private final MessageDigest digest = md5();
        private OutputStream file;
        private long partBytes;
        private byte[] partMd5;
        private boolean closed;

        PartStream() throws IOException {
            startPart();
        }

        void startPart() throws IOException {
            closeFile();
            file = new BufferedOutputStream(Files.newOutputStream(staging,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 64 * 1024);
            partBytes = 0;
            digest.reset();
        }

        void finishPart() throws IOException {
            if (file != null) {
                file.flush();
                file.close();
                file = null;
                partMd5 = digest.digest();
            }
        }

        String partMd5Base64() {
            return Base64.getEncoder().encodeToString(partMd5);
        }

        void closeFile() throws IOException {
            if (file != null) {
                file.close();
                file = null;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (closed || finished) {
                throw new IOException("object '" + key + "' is already committed or discarded");
            }
            while (length > 0) {
                if (file == null) {
                    startPart();
                }
                int chunk = (int) Math.min(length, settings.partSize - partBytes);
                file.write(bytes, offset, chunk);
                digest.update(bytes, offset, chunk);
                partBytes += chunk;
                offset += chunk;
                length -= chunk;
                if (partBytes == settings.partSize) {
                    finishPart();
                    sendFullPart();
                }
            }
        }

        private void sendFullPart() throws IOException {
            try {
                uploadPart();
            } catch (IOException | RuntimeException e) {
                discard(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            if (file != null) {
                file.flush();
            }
        }

        @Override
        public void close() {
            // The writer may close the stream before committing; the part stays staged.
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
