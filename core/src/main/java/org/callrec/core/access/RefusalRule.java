package org.callrec.core.access;

/** The rule that refused an access; each names itself in the audit trail by {@link #code()}. */
public enum RefusalRule {
    /** A staff id, purpose, case reference or recording id is not of the allowed form. */
    MALFORMED_REQUEST("malformed-request"),
    /** The purpose is not one the policy lists. */
    UNKNOWN_PURPOSE("unknown-purpose"),
    /** The purpose is one that uses figures only, never audio (clause 5.3). */
    PURPOSE_USES_NO_AUDIO("purpose-uses-no-audio"),
    /** The purpose needs a case reference and none was given. */
    CASE_REFERENCE_REQUIRED("case-reference-required"),
    /** The requester is not in the staff directory. */
    NOT_STAFF("not-staff"),
    /** The requester holds none of the roles authorised to retrieve recordings. */
    ROLE_NOT_AUTHORISED("role-not-authorised"),
    /** The recording is not in the catalogue. */
    UNKNOWN_RECORDING("unknown-recording"),
    /** The call involves a child, or may, and the requester holds none of the child roles. */
    CHILD_ROLE_REQUIRED("child-role-required"),
    /** No standing grant covers this requester, purpose, case and recording. */
    NO_GRANT("no-grant"),
    /** The audit trail could not record the access, so it does not happen (fail closed). */
    AUDIT_UNAVAILABLE("audit-unavailable");

    private final String code;

    RefusalRule(String code) {
        this.code = code;
    }

    /** Returns the lower-case word with dashes that names the rule, such as {@code no-grant}. */
    public String code() {
        return code;
    }
}
