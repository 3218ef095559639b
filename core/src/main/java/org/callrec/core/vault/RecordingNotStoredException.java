package org.callrec.core.vault;

import java.io.IOException;

/**
 * Thrown when a recording could not be stored. A recording is either wholly stored and
 * catalogued or not kept at all, so when this is thrown nothing of it remains: no object, no
 * catalogue entry. The message names the recording, its call and span, and the step that failed;
 * the cause says why.
 */
public class RecordingNotStoredException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String recordingId;

    /**
     * Creates the exception.
     *
     * @param recordingId the id the recording would have had
     * @param callId the call it belongs to
     * @param spanId the span it holds
     * @param step what failed, such as "reading the audio"
     * @param cause why
     */
    public RecordingNotStoredException(String recordingId, String callId, String spanId,
            String step, Throwable cause) {
        super("recording " + recordingId + " (call " + callId + ", span " + spanId
                + ") was not stored: " + step + " failed, and nothing of it was kept", cause);
        this.recordingId = recordingId;
    }

    /** Returns the id the recording would have had; never null. */
    public String recordingId() {
        return recordingId;
    }
}
