package org.callrec.spi.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One entry of the audit trail. It holds identifiers and decisions only, never a phone number, a
 * name or audio: who (a staff id), what ({@code action}), on which recording, and details such as
 * the purpose, the case reference, the outcome and the rule applied.
 *
 * @param at when it happened; never null
 * @param action what happened, one of the {@code ACTION_*} constants or another lower-case word
 *     with dashes; never null
 * @param actor the staff id or component that acted, such as {@code manager-210} or
 *     {@code retention-sweep}; never null
 * @param recordingId the recording concerned, or null when the entry concerns none
 * @param details further identifiers and decisions, sorted by key; never null
 */
public record AuditEntry(
        Instant at,
        String action,
        String actor,
        String recordingId,
        Map<String, String> details) {

    /** An access to audio was allowed. */
    public static final String ACTION_ACCESS_GRANTED = "access-granted";
    /** An access to audio was refused. */
    public static final String ACTION_ACCESS_REFUSED = "access-refused";
    /** A recording was exported. */
    public static final String ACTION_EXPORT = "export";
    /** A hold was placed on a recording. */
    public static final String ACTION_HOLD_PLACED = "hold-placed";
    /** A hold was released. */
    public static final String ACTION_HOLD_RELEASED = "hold-released";
    /** A recording's data key was destroyed. */
    public static final String ACTION_KEY_DESTROYED = "key-destroyed";
    /** A recording was disposed of. */
    public static final String ACTION_DISPOSAL = "disposal";
    /** A policy was loaded. */
    public static final String ACTION_POLICY_LOADED = "policy-loaded";
    /** A subject access request was exported. */
    public static final String ACTION_SUBJECT_ACCESS_EXPORT = "subject-access-export";

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** Creates an entry, copying and sorting the details. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        if (!WORD.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action '" + action
                    + "' must be a lower-case word with dashes, at most 64 characters");
        }
        Objects.requireNonNull(actor, "actor");
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }
}
