package org.callrec.spi.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The engine's answer to one event: the commands sent to the adapter, the policy clauses that
 * were applied and a short reason a person can read. Decisions are kept with the recording so
 * that anyone can see why a call was, or was not, recorded.
 *
 * @param callId the call; never null
 * @param at when the decision was taken (the event's time); never null
 * @param event the event it answers; never null
 * @param commands the commands sent, in order; never null, may be empty
 * @param policyVersion the version of the policy applied; never null
 * @param clauses the ids of the clauses applied (for example {@code 3.3}); never null
 * @param reason a short reason with no personal data, such as
 *     {@code "stopped: transferred to a member of HR"}; never null
 */
public record Decision(
        String callId,
        Instant at,
        CallEvent event,
        List<RecordingCommand> commands,
        String policyVersion,
        List<String> clauses,
        String reason) {

    /** Creates a decision, copying the lists. */
    public Decision {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        commands = List.copyOf(commands);
        Objects.requireNonNull(policyVersion, "policyVersion");
        clauses = List.copyOf(clauses);
        Objects.requireNonNull(reason, "reason");
    }

    /** Returns the reason with the clauses it cites, e.g. {@code stopped: ... (3.3)}. */
    public String citation() {
        return clauses.isEmpty() ? reason : reason + " (" + String.join(", ", clauses) + ")";
    }
}
