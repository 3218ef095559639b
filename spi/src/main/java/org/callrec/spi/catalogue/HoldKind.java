package org.callrec.spi.catalogue;

/** Why a recording is held past its deadline (clause 4.4, professional liability). */
public enum HoldKind {
    /** A complaint is being resolved. */
    COMPLAINT,
    /** An investigation, such as of abuse of staff, is under way. */
    INVESTIGATION,
    /** A legal claim is made or expected. */
    LEGAL
}
