package org.callrec.core.vault;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads a stored object while computing its SHA-256, so that the whole ciphertext can be checked
 * against the catalogue once it has been read. Remembers a failure of the backend itself, so a
 * disk error is not reported as tampering.
 */
final class CiphertextSource extends InputStream {
    private final InputStream stored;
    private final MessageDigest sha256 = CiphertextSink.newSha256();
    private long bytes;
    private boolean ended;
    private IOException backendFailure;

    CiphertextSource(InputStream stored) {
        this.stored = stored;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = stored.read(buffer, offset, length);
        } catch (IOException e) {
            backendFailure = e;
            throw e;
        }

        if (read == -1) {
            ended = true;
        } else {
            sha256.update(buffer, offset, read);
            bytes += read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        stored.close();
    }

    /** Returns the failure the backend reported while reading, or null when there was none. */
    IOException backendFailure() {
        return backendFailure;
    }

    /**
     * Reads whatever the cipher left unread and checks the size and SHA-256 of the whole
     * ciphertext.
     *
     * @return null when both match, or what does not match
     */
    String mismatch(long expectedBytes, String expectedSha256) throws IOException {
        byte[] rest = new byte[8192];
        while (!ended) {
            read(rest, 0, rest.length);
        }

        if (bytes != expectedBytes) {
            return "the stored object has " + bytes + " bytes but the catalogue records "
                    + expectedBytes;
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(expectedSha256)) {
            return "the SHA-256 of the stored object does not match the catalogue";
        }
        return null;
    }
}
