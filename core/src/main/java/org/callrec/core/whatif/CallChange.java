package org.callrec.core.whatif;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one past call would come out under a new policy, compared with how it was decided.
 *
 * @param callId the call; never null
 * @param kind the kind of change; never null
 * @param differences what differs, one readable line each (the step, what was decided, what
 *     would be, and the clauses); empty when nothing does; never null
 * @param deadlineBefore the retention deadline the call has, or null
 * @param deadlineAfter the retention deadline the new policy would give it, or null
 * @param recordingsWhoseDeadlineMoves how many stored recordings of the call would get another
 *     deadline
 */
public record CallChange(String callId, Kind kind, List<String> differences,
        Instant deadlineBefore, Instant deadlineAfter, int recordingsWhoseDeadlineMoves) {

    /** The kinds of change, in the order a report shows them. */
    public enum Kind {
        /** The new policy would record a call the current one did not record. */
        STARTS_RECORDING,
        /** The new policy would not record a call the current one recorded. */
        STOPS_RECORDING,
        /** Both record it, but start, pause or stop it at other steps. */
        RECORDED_DIFFERENTLY,
        /** The same commands, but other clauses, flags or deadline. */
        KEPT_DIFFERENTLY,
        /** Nothing would change. */
        UNCHANGED
    }

    /** Creates a change, copying the differences. */
    public CallChange {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(kind, "kind");
        differences = List.copyOf(differences);
    }

    /** Returns whether anything about the call would change. */
    public boolean isChanged() {
        return kind != Kind.UNCHANGED;
    }
}
