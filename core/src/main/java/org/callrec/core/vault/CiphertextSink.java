package org.callrec.core.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes ciphertext on to a pending object while counting it and computing its SHA-256.
 *
 * <p>Closing it flushes but leaves the pending object's stream open, because the pending object
 * owns that stream: commit or discard decides what happens to it.
 */
final class CiphertextSink extends OutputStream {
    private final OutputStream target;
    private final MessageDigest sha256;
    private long bytes;

    CiphertextSink(OutputStream target) {
        this.target = target;
        this.sha256 = newSha256();
    }

    @Override
    public void write(int b) throws IOException {
        target.write(b);
        sha256.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        target.write(buffer, offset, length);
        sha256.update(buffer, offset, length);
        bytes += length;
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** Returns how many ciphertext bytes went through. */
    long bytes() {
        return bytes;
    }

    /** Returns the SHA-256 of the ciphertext in lower-case hex; call once, after the last write. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
