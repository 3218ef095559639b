package org.callrec.core.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * A span of a call that was recorded and has just been closed: its audio may now be handed to
 * the vault.
 *
 * @param callId the call; never null
 * @param spanId the span, unique within the call; never null
 * @param startedAt when recording of the span started; never null
 * @param endedAt when it stopped; never null
 */
public record RecordedSpan(String callId, String spanId, Instant startedAt, Instant endedAt) {
    /** Creates a span. */
    public RecordedSpan {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
