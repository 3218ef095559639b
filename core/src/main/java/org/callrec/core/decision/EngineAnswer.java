package org.callrec.core.decision;

import java.util.Objects;
import java.util.Optional;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.CallRecord;

/**
 * The engine's answer to one event.
 *
 * @param decision the decision taken, with its commands and clauses; never null
 * @param closedSpan the span this decision closed, whose audio may now be stored, or null
 * @param endedCall the complete record of the call when this event ended it, or null
 * @param discardEarlierSpans whether spans already stored for the call must be discarded, as the
 *     policy asks on an objection when it does not keep earlier recording
 */
public record EngineAnswer(
        Decision decision,
        RecordedSpan closedSpan,
        CallRecord endedCall,
        boolean discardEarlierSpans) {

    /** Creates an answer. */
    public EngineAnswer {
        Objects.requireNonNull(decision, "decision");
    }

    /** Returns the span this decision closed, if any. */
    public Optional<RecordedSpan> span() {
        return Optional.ofNullable(closedSpan);
    }

    /** Returns the complete call record when this event ended the call. */
    public Optional<CallRecord> ended() {
        return Optional.ofNullable(endedCall);
    }
}
