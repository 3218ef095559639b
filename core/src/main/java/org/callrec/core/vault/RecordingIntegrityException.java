package org.callrec.core.vault;

import java.io.IOException;

/**
 * Thrown while reading a recording whose stored ciphertext is not the one that was stored: it
 * failed authentication, was truncated or extended, does not match the SHA-256 in the catalogue,
 * or is missing. No unauthenticated plaintext is released before this is thrown.
 */
public class RecordingIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param recordingId the recording being read
     * @param what what is wrong with its ciphertext
     * @param cause the underlying failure, or null
     */
    public RecordingIntegrityException(String recordingId, String what, Throwable cause) {
        super("recording " + recordingId + " failed its integrity check: " + what, cause);
    }
}
