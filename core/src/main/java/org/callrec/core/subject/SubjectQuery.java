package org.callrec.core.subject;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a subject access request looks for: a phone number (in any common form), a staff id, or
 * a reference the housing system attached. {@link #toString()} never shows a number.
 *
 * @param kind what the value is
 * @param value the number, staff id or reference as given
 */
public record SubjectQuery(Kind kind, String value) {
    private static final int MAX_IDENTIFIER = 128;
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0," + (MAX_IDENTIFIER - 1) + "}");
    private static final Pattern NATIONAL_NUMBER = Pattern.compile("0[0-9-]*");
    private static final int PHONE_DIGITS = 7;

    /** What a query's value is. */
    public enum Kind {
        /** A phone number, found through its blind index. */
        NUMBER,
        /** A staff id. */
        STAFF,
        /** A reference attached to calls. */
        REFERENCE;

        /** Returns the kind as written in the manifest and the audit trail. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Creates a query.
     *
     * @throws InvalidSubjectQueryException when the value is blank, or a staff id or reference
     *     is not an identifier (1 to 128 letters, digits, {@code .}, {@code _}, {@code :},
     *     {@code /} or {@code -}, starting with a letter or digit) or has the form of a national
     *     phone number; numbers are read, and refused, by {@link SubjectNumbers}
     */
    public SubjectQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new InvalidSubjectQueryException(kind, "a subject access query by "
                    + kind.label() + " needs a " + kind.label() + ", and the value given ("
                    + value.length() + " characters) is blank (clause 4.4)");
        }
        if (kind != Kind.NUMBER) {
            requireIdentifier(kind, value);
        }
    }

    /**
     * Refuses a staff id or reference that could not be written to the audit trail, which holds
     * identifiers only, so that a query is refused for what it is before anything is looked up
     * or any folder made.
     */
    private static void requireIdentifier(Kind kind, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new InvalidSubjectQueryException(kind, "a subject access query by "
                    + kind.label() + " needs an identifier of 1 to " + MAX_IDENTIFIER
                    + " letters, digits, '.', '_', ':', '/' or '-' starting with a letter or"
                    + " digit (clause 4.4); " + InvalidSubjectQueryException.shown(value)
                    + " is not one");
        }
        long digits = value.chars().filter(c -> c >= '0' && c <= '9').count();
        if (NATIONAL_NUMBER.matcher(value).matches() && digits >= PHONE_DIGITS) {
            // Not quoted: it may be the very number kept out of messages.
            throw new InvalidSubjectQueryException(kind, "the " + kind.label() + " given ("
                    + value.length() + " characters) has the form of a phone number; search"
                    + " by number instead, which finds it however it is written (clause 4.4)");
        }
    }

    /** A query by phone number. */
    public static SubjectQuery byNumber(String number) {
        return new SubjectQuery(Kind.NUMBER, number);
    }

    /** A query by staff id. */
    public static SubjectQuery byStaff(String staffId) {
        return new SubjectQuery(Kind.STAFF, staffId);
    }

    /** A query by attached reference. */
    public static SubjectQuery byReference(String reference) {
        return new SubjectQuery(Kind.REFERENCE, reference);
    }

    @Override
    public String toString() {
        return "SubjectQuery[" + kind.label() + (kind == Kind.NUMBER ? "" : " " + value) + "]";
    }
}
