package org.callrec.spi.access;

/** Which recordings a {@link Grant} covers. */
public enum GrantScope {
    /** One recording, named by its recording id. */
    RECORDING,
    /** Every recording of one call, named by its call id. */
    CALL,
    /** Every recording. */
    ALL
}
