package org.callrec.core.policy;

/** What a retention period counts from. */
public enum RetentionStart {
    /** The instant the call ended. */
    CALL_END
}
