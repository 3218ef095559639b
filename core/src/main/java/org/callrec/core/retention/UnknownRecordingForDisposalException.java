package org.callrec.core.retention;

/** Thrown when disposal is asked for a recording the catalogue never held. */
public class UnknownRecordingForDisposalException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the id. */
    public UnknownRecordingForDisposalException(String recordingId) {
        super("recording '" + recordingId.replaceAll("[^\\x20-\\x7e]", "?")
                + "' is not catalogued and has no disposal receipt; nothing to dispose of");
    }
}
