package org.callrec.core.access;

import java.util.Objects;

/**
 * A request to read one recording's audio. Nothing here is trusted: {@link RecordingAccess}
 * checks every value before it looks anything up.
 *
 * @param staffId the staff id of the person asking; never null
 * @param purpose the id of a purpose in the policy, such as {@code complaint}; never null
 * @param caseReference the case the access is for, or null when the purpose needs none
 * @param recordingId the recording asked for; never null
 * @param mode play or download; never null
 */
public record AccessRequest(
        String staffId,
        String purpose,
        String caseReference,
        String recordingId,
        AccessMode mode) {

    /** Creates a request. */
    public AccessRequest {
        Objects.requireNonNull(staffId, "staffId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(mode, "mode");
    }

    /** Returns a request to play a recording. */
    public static AccessRequest play(String staffId, String purpose, String caseReference,
            String recordingId) {
        return new AccessRequest(staffId, purpose, caseReference, recordingId, AccessMode.PLAY);
    }

    /** Returns a request to download a recording. */
    public static AccessRequest download(String staffId, String purpose, String caseReference,
            String recordingId) {
        return new AccessRequest(staffId, purpose, caseReference, recordingId,
                AccessMode.DOWNLOAD);
    }
}
