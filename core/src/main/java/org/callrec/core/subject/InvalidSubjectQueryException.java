package org.callrec.core.subject;

import java.util.Objects;

/**
 * Thrown when a subject access query (clause 4.4) breaks the rule for its kind: a number that is
 * not a possible phone number as written, or a staff id or reference that is not an identifier.
 * The message names the rule and the bad value as far as it may be shown: a staff id or a
 * reference is quoted (shortened, with anything outside printable ASCII escaped); a number is
 * never repeated, only its length and the offending character's position and code point.
 */
public class InvalidSubjectQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final SubjectQuery.Kind kind;

    /**
     * Creates the exception.
     *
     * @param kind the kind of query refused; never null
     * @param message the rule broken and the bad value as it may be shown
     */
    public InvalidSubjectQueryException(SubjectQuery.Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Returns the kind of query that was refused; never null. */
    public SubjectQuery.Kind kind() {
        return kind;
    }

    /**
     * Returns a value as a message may quote it: at most 40 characters, anything outside
     * printable ASCII written as {@code \}{@code uXXXX}, and the length when it was cut.
     */
    static String shown(String value) {
        int limit = Math.min(value.length(), 40);
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append('\'');
        if (value.length() > limit) {
            shown.append("... (").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }
}
