package org.callrec.core.audit;

/**
 * The result of verifying an audit trail.
 *
 * @param entries the number of entries that verified
 * @param lastHash the hash of the last entry that verified
 * @param badLine the 1-based line of the first entry that does not fit, or 0 when intact
 * @param problem what is wrong with it, or null when intact
 */
public record AuditVerification(long entries, String lastHash, long badLine, String problem) {
    /** Returns whether the whole trail verified. */
    public boolean isIntact() {
        return problem == null;
    }

    /** Returns one line for a person: intact with its count, or the first bad entry. */
    public String describe() {
        return isIntact() ? "intact: " + entries + " entries, last hash " + lastHash
                : "line " + badLine + " (entry " + (entries + 1) + "): " + problem;
    }
}
