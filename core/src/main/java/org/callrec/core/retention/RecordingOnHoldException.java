package org.callrec.core.retention;

import java.util.List;

/**
 * Thrown when a deletion of a held recording is asked for: a hold keeps a recording past its
 * deadline on every deletion path (clause 4.4). The message names the recording, the holds, the
 * path and the rule, and nothing of the recording's content or parties.
 */
public class RecordingOnHoldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String recordingId;

    /** Creates the exception for a recording, the ids of its active holds and the path. */
    public RecordingOnHoldException(String recordingId, List<String> holdIds, DeletionPath path) {
        super("refused by the hold rule (clause 4.4): recording " + recordingId + " is on hold "
                + holdIds + " and may not be deleted by the " + path.label() + " path");
        this.recordingId = recordingId;
    }

    /** Returns the id of the held recording. */
    public String recordingId() {
        return recordingId;
    }
}
