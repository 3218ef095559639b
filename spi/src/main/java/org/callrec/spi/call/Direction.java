package org.callrec.spi.call;

/** Which way a call goes relative to the organisation (clause 3.2 and 4.1). */
public enum Direction {
    /** From a party outside the organisation to one inside. */
    INBOUND,
    /** From a party inside the organisation to one outside. */
    OUTBOUND,
    /** Between two parties inside the organisation. */
    INTERNAL
}
