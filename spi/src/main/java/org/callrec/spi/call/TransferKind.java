package org.callrec.spi.call;

/** How a party came to join a call in place of another (clause 3.3 reads all of them alike). */
public enum TransferKind {
    /** The transferring party hands the call on without speaking to the target first. */
    BLIND,
    /** The transferring party consults the target first, then joins the two. */
    ATTENDED,
    /** A third party answers a call that was ringing elsewhere. */
    PICKUP,
    /** The platform sends the call on to another party, for example on no answer. */
    FORWARD
}
