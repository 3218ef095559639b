package org.callrec.core.scenario;

import java.time.Duration;
import java.util.Objects;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.TransferKind;

/**
 * One step of a scenario call: at a time after the call started, something happens, and the
 * engine's decision must be as expected.
 *
 * @param text the step as written, shown when it fails; never null
 * @param line the line of the scenario file it is on, or 0 when built in code
 * @param offset how long after the call started it happens; never null or negative
 * @param type what happens; never null
 * @param party who it is about (the caller, who answers, who joins, leaves or transfers), or
 *     null
 * @param target the other party (who is called, transferred to, consulted), or null
 * @param transferKind how a transfer happens, or null
 * @param by the staff member who signals what only a person can know, or null for the one
 *     on the call
 * @param detail a detail such as why a call ended early, or null
 * @param expected what the decision must be; never null
 */
public record ScenarioStep(
        String text,
        int line,
        Duration offset,
        CallEventType type,
        PartyRef party,
        PartyRef target,
        TransferKind transferKind,
        PartyRef by,
        String detail,
        ExpectedDecision expected) {

    /** Creates a step. */
    public ScenarioStep {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expected, "expected");
        if (offset.isNegative()) {
            throw new IllegalArgumentException("step '" + text + "' must not happen before the"
                    + " call started (offset " + offset + ")");
        }
    }

    /** Returns this step expecting another decision. */
    public ScenarioStep expecting(ExpectedDecision decision) {
        return new ScenarioStep(text, line, offset, type, party, target, transferKind, by,
                detail, decision);
    }
}
