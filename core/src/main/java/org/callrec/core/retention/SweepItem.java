package org.callrec.core.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * One recording the sweep disposed of, or would dispose of in a dry run, and why.
 *
 * @param recordingId the recording
 * @param callId its call
 * @param deadline its retention deadline
 * @param overdueBy how long past the deadline it is at the sweep's instant
 * @param outcome {@code would-dispose}, {@code disposed} or {@code refused: ...}
 */
public record SweepItem(String recordingId, String callId, Instant deadline, Duration overdueBy,
        String outcome) {

    /** Returns why the recording goes, citing the clause. */
    public String reason() {
        return "retention deadline " + deadline + " passed " + overdueBy
                + " ago and no active hold (clause 4.2)";
    }
}
