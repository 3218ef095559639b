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
 * <p>The actor, the recording id and every detail value must be an identifier: 1 to 200 letters,
 * digits, {@code .}, {@code _}, {@code :}, {@code /} or {@code -}, starting with a letter or
 * digit. That keeps out anything with a space, a {@code +} or brackets, so a name written in full
 * or a phone number in international or bracketed form cannot enter the trail; a value of digits
 * and dashes only that starts with {@code 0} and has seven or more digits (a national phone
 * number) is refused as well. Detail keys are lower-case words with dashes.
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
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
    private static final Pattern NATIONAL_NUMBER = Pattern.compile("0[0-9-]*");
    private static final int PHONE_DIGITS = 7;

    /** Creates an entry, copying and sorting the details. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        if (!WORD.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action '" + action
                    + "' must be a lower-case word with dashes, at most 64 characters");
        }
        requireIdentifier("actor", actor);
        if (recordingId != null) {
            requireIdentifier("recording id", recordingId);
        }
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
        details.forEach(AuditEntry::requireDetail);
    }

    private static void requireDetail(String key, String value) {
        if (!WORD.matcher(key).matches()) {
            throw new IllegalArgumentException("audit detail key '"
                    + key.replaceAll("[^a-z0-9-]", "?")
                    + "' must be a lower-case word with dashes, at most 64 characters");
        }
        requireIdentifier("audit detail '" + key + "'", value);
    }

    private static void requireIdentifier(String what, String value) {
        Objects.requireNonNull(value, what);
        // The value is never quoted: what was refused may be the very name or number kept out.
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " (" + value.length() + " characters) is"
                    + " not an identifier of 1 to 200 letters, digits, '.', '_', ':', '/' or '-'"
                    + " starting with a letter or digit: the audit trail holds identifiers only,"
                    + " never a name or a phone number");
        }
        // Limitation: a number written as bare digits without its leading 0 (447700900101)
        // cannot be told from a count or a size, so it is not refused here.
        long digits = value.chars().filter(Character::isDigit).count();
        if (NATIONAL_NUMBER.matcher(value).matches() && digits >= PHONE_DIGITS) {
            throw new IllegalArgumentException(what + " has the form of a phone number: the"
                    + " audit trail holds identifiers only, never a phone number");
        }
    }
}
