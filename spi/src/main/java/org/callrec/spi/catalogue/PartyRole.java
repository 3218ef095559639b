package org.callrec.spi.catalogue;

/** The part a party played in a call (clause 4.1 classifies each as internal or external). */
public enum PartyRole {
    /** A member of staff, internal to the organisation. */
    STAFF,
    /** Anyone the staff directory does not know: external to the organisation. */
    EXTERNAL
}
