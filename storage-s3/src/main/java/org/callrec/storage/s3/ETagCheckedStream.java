package org.callrec.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.callrec.spi.storage.ObjectKey;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads an object and, at its end, checks the bytes against the object's ETag: the MD5 of the
 * whole object for a single PUT, the MD5 of the parts' MD5s with {@code -N} for a multipart
 * upload of N parts of the size recorded in the object's metadata. A mismatch or a short read is
 * an {@link IOException}, so corrupted ciphertext never reaches the vault silently.
 *
 * <p>Objects written with SSE-KMS, or without the part size metadata, have ETags that are not
 * MD5s; those are checked for length only.
 */
final class ETagCheckedStream extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private final ObjectKey key;
    private final String bucket;
    private final long partSize;
    private final String eTag;
    private final long expectedLength;
    private final MessageDigest part = md5();
    private final MessageDigest ofParts = md5();
    private final MessageDigest whole = md5();
    private long partBytes;
    private long read;
    private int parts;
    private boolean checked;

    ETagCheckedStream(ResponseInputStream<GetObjectResponse> response, ObjectKey key,
            String bucket, long partSize) {
        super(response);
        this.response = response;
        this.key = key;
        this.bucket = bucket;
        this.eTag = response.response().eTag() == null ? ""
                : response.response().eTag().replace("\"", "");
        this.expectedLength = response.response().contentLength() == null ? -1
                : response.response().contentLength();
        boolean kms = response.response().serverSideEncryption() != null
                && response.response().serverSideEncryptionAsString().startsWith("aws:kms");
        this.partSize = kms ? -1 : partSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        if (n < 0) {
            check();
            return n;
        }
        if (partSize > 0) {
            whole.update(bytes, offset, n);
            int done = 0;
            while (done < n) {
                int chunk = (int) Math.min(n - done, partSize - partBytes);
                part.update(bytes, offset + done, chunk);
                partBytes += chunk;
                done += chunk;
                if (partBytes == partSize) {
                    endPart();
                }
            }
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes cannot be checked; reading them keeps the check whole.
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int got = read(sink, 0, sink.length);
        return Math.max(got, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void endPart() {
        ofParts.update(part.digest());
        parts++;
        partBytes = 0;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedLength >= 0 && read != expectedLength) {
            throw corrupt("read " + read + " bytes but the object holds " + expectedLength);
        }
        if (partSize <= 0 || !eTag.matches("[0-9a-f]{32}(-[0-9]+)?")) {
            return;
        }
        String computed;
        if (eTag.contains("-")) {
            if (partBytes > 0 || parts == 0) {
                endPart();
            }
            computed = HexFormat.of().formatHex(ofParts.digest()) + "-" + parts;
        } else {
            computed = HexFormat.of().formatHex(whole.digest());
        }
        if (!computed.equals(eTag)) {
            throw corrupt("its bytes give ETag " + computed + " but the store holds " + eTag);
        }
    }

    private IOException corrupt(String what) {
        return new IOException("object '" + key + "' in bucket '" + bucket
                + "' failed its integrity check: " + what);
    }

    @Override
    public void close() throws IOException {
        if (!checked) {
            // Stop the transfer rather than draining the rest of a large object.
            response.abort();
        }
        super.close();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
