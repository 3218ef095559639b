package org.callrec.core.subject;

import java.util.Locale;
import java.util.Objects;

/**
 * What a subject access request looks for: a phone number (in any common form), a staff id, or
 * a reference the housing system attached. {@link #toString()} never shows a number.
 *
 * @param kind what the value is
 * @param value the number, staff id or reference as given
 */
public record SubjectQuery(Kind kind, String value) {
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

    /** Creates a query. */
    public SubjectQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a subject access query needs a " + kind.label());
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
