package org.callrec.core.policy;

/** Whether recording waits for evidence of notice, or goes ahead and is flagged (clause 4.3). */
public enum NoticeMode {
    /** Recording starts only once there is evidence that the other party was told. */
    WAIT_FOR_EVIDENCE,
    /** Recording starts at once; a recording without evidence is flagged. */
    RECORD_AND_FLAG
}
