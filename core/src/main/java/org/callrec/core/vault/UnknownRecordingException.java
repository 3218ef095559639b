package org.callrec.core.vault;

import java.io.IOException;

/** Thrown when a recording is asked for that the catalogue does not hold. */
public class UnknownRecordingException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for the recording id that was asked for. */
    public UnknownRecordingException(String recordingId) {
        super("recording " + recordingId + " is not in the catalogue: it was never stored,"
                + " or it has been disposed of");
    }
}
