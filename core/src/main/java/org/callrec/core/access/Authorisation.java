package org.callrec.core.access;

import java.util.Objects;
import org.callrec.core.policy.PurposeUse;

/**
 * What an allowed access rests on (clauses 4.2 and 5.3): who may read which recording of which
 * call, for which purpose and the use of clause 5.3 it maps to, in which case, under which grant.
 * It holds identifiers only, never a number or a name, so it may be logged whole.
 *
 * <p>An authorisation allows nothing by itself: audio is read only through
 * {@link RecordingAccess#open}, which decides again and writes the access to the audit trail
 * first.
 *
 * @param staffId the staff id of the person allowed; never null
 * @param purpose the id of the policy purpose; never null
 * @param use the use of clause 5.3 the purpose maps to; never null
 * @param caseReference the case, or null when the request named none
 * @param recordingId the recording; never null
 * @param callId the call the recording belongs to; never null
 * @param grantId the grant relied on, or null when the policy says the role suffices
 */
public record Authorisation(
        String staffId,
        String purpose,
        PurposeUse use,
        String caseReference,
        String recordingId,
        String callId,
        String grantId) {

    /** Creates an authorisation. */
    public Authorisation {
        Objects.requireNonNull(staffId, "staffId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(callId, "callId");
    }

    /** Returns whether the access rests on the role alone, the policy needing no grant. */
    public boolean isByRoleAlone() {
        return grantId == null;
    }
}
