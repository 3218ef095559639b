package org.callrec.core.vault;

import java.io.IOException;

/**
 * Thrown when a recording cannot be read because its data key is gone or cannot be unwrapped: it
 * was destroyed (crypto-shredded), its key-encryption key was destroyed, or the wrapped key does
 * not belong to this recording. Without its data key a recording's audio is unrecoverable.
 */
public class RecordingKeyUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param recordingId the recording that cannot be read
     * @param reason why its key is unavailable
     * @param cause the underlying failure, or null
     */
    public RecordingKeyUnavailableException(String recordingId, String reason, Throwable cause) {
        super("recording " + recordingId + " cannot be read: " + reason, cause);
    }
}
