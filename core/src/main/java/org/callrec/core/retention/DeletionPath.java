package org.callrec.core.retention;

import java.util.Locale;

/** Each way a recording can come to be deleted; every one passes the {@link DeletionGuard}. */
public enum DeletionPath {
    /** The retention sweep, past the deadline (clause 4.2). */
    SWEEP,
    /** A manual delete by an operator. */
    MANUAL,
    /** A data subject's erasure request. */
    ERASURE,
    /** A bulk job over many recordings. */
    BULK,
    /** A caller objected and the policy says to discard what was recorded (clause 4.4). */
    OBJECTION_DISCARD;

    /** Returns the path's name as written in audit entries, such as {@code objection-discard}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
