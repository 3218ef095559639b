package org.callrec.core.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * A span of a call that must be recorded, from and to times after the call started.
 *
 * @param from when recording starts; never null
 * @param to when it stops; never null
 */
public record ExpectedSpan(Duration from, Duration to) {
    /** Creates a span. */
    public ExpectedSpan {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Returns the span as a scenario file writes it, such as {@code +5s to +30s}. */
    @Override
    public String toString() {
        return StepTimes.show(from) + " to " + StepTimes.show(to);
    }
}
