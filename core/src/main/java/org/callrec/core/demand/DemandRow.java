package org.callrec.core.demand;

import java.time.Duration;

/**
 * One line of the demand figures.
 *
 * @param dimension {@code team}, {@code direction}, {@code hour} or {@code day}
 * @param key the team, direction, hour (00 to 23) or date
 * @param calls how many calls
 * @param ended how many of them have ended, and so have a duration
 * @param totalDuration the summed duration of the ended calls
 */
public record DemandRow(String dimension, String key, long calls, long ended,
        Duration totalDuration) {

    /** Returns the mean duration of the ended calls, or zero when none has ended. */
    public Duration meanDuration() {
        return ended == 0 ? Duration.ZERO : totalDuration.dividedBy(ended);
    }
}
