package org.callrec.spi.catalogue;

import java.time.Instant;

/**
 * Thrown when a call's retention deadline is set a second time to a different instant: the
 * deadline is written once, when the call ends (clause 4.2).
 */
public class RetentionDeadlineAlreadySetException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the call and both deadlines. */
    public RetentionDeadlineAlreadySetException(String callId, Instant existing, Instant asked) {
        super("retention deadline of call " + callId + " is already " + existing
                + " and is written once (clause 4.2); refused to change it to " + asked);
    }
}
