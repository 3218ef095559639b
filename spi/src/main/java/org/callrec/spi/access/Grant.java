package org.callrec.spi.access;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Lets one member of staff read recordings for one purpose (clauses 4.2 and 5.3): which
 * recordings, for which case, from when until when, and whether it has been revoked. A grant
 * alone allows nothing; the requester must also hold an authorised role.
 *
 * <p>Every identifier here is fit for the audit trail: 1 to 64 letters, digits, {@code .},
 * {@code _}, {@code :}, {@code /} or {@code -}, starting with a letter or digit.
 *
 * @param grantId the grant's id; never null
 * @param staffId the staff id it is granted to; never null
 * @param purpose the id of the policy purpose it is for, such as {@code complaint}; never null
 * @param scope which recordings it covers; never null
 * @param target the recording id for {@link GrantScope#RECORDING}, the call id for
 *     {@link GrantScope#CALL}, null for {@link GrantScope#ALL}
 * @param caseReference the case it is for, or null when the purpose names no case
 * @param validFrom the first instant it covers; never null
 * @param validUntil the instant it stops covering (exclusive), or null when open-ended
 * @param grantedBy the staff id or component that granted it; never null
 * @param revokedAt when it was revoked, or null while it stands
 */
public record Grant(
        String grantId,
        String staffId,
        String purpose,
        GrantScope scope,
        String target,
        String caseReference,
        Instant validFrom,
        Instant validUntil,
        String grantedBy,
        Instant revokedAt) {

    /** The form of every identifier a grant holds. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

    /**
     * Creates a grant.
     *
     * @throws IllegalArgumentException naming the field and the rule when a value is invalid
     */
    public Grant {
        requireIdentifier("grant id", grantId);
        requireIdentifier("staff id", staffId);
        requireIdentifier("purpose", purpose);
        Objects.requireNonNull(scope, "scope");
        if ((scope == GrantScope.ALL) != (target == null)) {
            throw new IllegalArgumentException("a grant of scope " + scope
                    + (scope == GrantScope.ALL ? " names no target" : " names its target"));
        }
        if (target != null) {
            requireIdentifier("target", target);
        }
        if (caseReference != null) {
            requireIdentifier("case reference", caseReference);
        }
        Objects.requireNonNull(validFrom, "validFrom");
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("grant " + grantId + " would be valid until "
                    + validUntil + ", not after it starts at " + validFrom);
        }
        requireIdentifier("granted by", grantedBy);
    }

    /** Returns whether the grant has been revoked. */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Returns whether the grant stands at an instant: started, not ended, not revoked. */
    public boolean isValidAt(Instant at) {
        return !isRevoked() && !at.isBefore(validFrom)
                && (validUntil == null || at.isBefore(validUntil));
    }

    /** Returns whether the grant's scope takes in a recording of a call. */
    public boolean covers(String recordingId, String callId) {
        return switch (scope) {
            case ALL -> true;
            case CALL -> target.equals(callId);
            case RECORDING -> target.equals(recordingId);
        };
    }

    /** Returns this grant revoked at an instant. */
    public Grant revokedAt(Instant at) {
        return new Grant(grantId, staffId, purpose, scope, target, caseReference, validFrom,
                validUntil, grantedBy, Objects.requireNonNull(at, "at"));
    }

    /**
     * Checks an identifier a grant may hold.
     *
     * @throws IllegalArgumentException naming the field and the rule when it is not one
     */
    public static void requireIdentifier(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!IDENTIFIER.matcher(value).matches()) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new IllegalArgumentException(what + " '"
                    + shown.replaceAll("[^\\x21-\\x7e]", "?") + "' must be 1 to 64 letters,"
                    + " digits, '.', '_', ':', '/' or '-', starting with a letter or digit");
        }
    }
}
