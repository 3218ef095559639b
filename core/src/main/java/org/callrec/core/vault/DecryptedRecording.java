package org.callrec.core.vault;

import java.io.IOException;
import java.io.InputStream;

/**
 * The plaintext of one recording, decrypted segment by segment as it is read. Every failure
 * names the recording; reaching the end also checks the ciphertext against the catalogue.
 */
final class DecryptedRecording extends InputStream {
    private final String recordingId;
    private final InputStream plaintext;
    private final CiphertextSource source;
    private final long expectedBytes;
    private final String expectedSha256;
    private boolean verified;

    DecryptedRecording(String recordingId, InputStream plaintext, CiphertextSource source,
            long expectedBytes, String expectedSha256) {
        this.recordingId = recordingId;
        this.plaintext = plaintext;
        this.source = source;
        this.expectedBytes = expectedBytes;
        this.expectedSha256 = expectedSha256;
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
            read = plaintext.read(buffer, offset, length);
        } catch (IOException e) {
            throw explain(e);
        }

        if (read == -1) {
            verifyWholeCiphertext();
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
    }

    private void verifyWholeCiphertext() throws IOException {
        if (verified) {
            return;
        }

        String mismatch = source.mismatch(expectedBytes, expectedSha256);
        if (mismatch != null) {
            throw new RecordingIntegrityException(recordingId, mismatch, null);
        }
        verified = true;
    }

    private IOException explain(IOException e) {
        if (source.backendFailure() != null) {
            return new IOException("recording " + recordingId
                    + " could not be read from storage", source.backendFailure());
        }
        return new RecordingIntegrityException(recordingId, "its ciphertext failed"
                + " authentication: it was altered or truncated, or is not this recording's", e);
    }
}
