package org.callrec.core.scenario;

import java.util.List;
import java.util.Objects;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.RecordingCommand;

/**
 * One step as it ran: the step, and the decision the engine took on it.
 *
 * @param number the step's 1-based number in its scenario
 * @param step the step; never null
 * @param decision the engine's decision; never null
 */
public record StepOutcome(int number, ScenarioStep step, Decision decision) {

    /** Creates an outcome. */
    public StepOutcome {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(decision, "decision");
    }

    /** Returns the commands the decision sent, in order. */
    public List<CommandType> commands() {
        return decision.commands().stream().map(RecordingCommand::type).toList();
    }

    /**
     * Returns whether the decision sent exactly the expected commands and cites every expected
     * clause.
     */
    public boolean matches() {
        List<CommandType> expected = step.expected().commands();
        return (expected == null || commands().equals(expected))
                && decision.clauses().containsAll(step.expected().clauses());
    }

    /** Returns the actual decision as a scenario file would write it, with its reason. */
    public String describeActual() {
        String shown = new ExpectedDecision(commands(), decision.clauses()).describe();
        return shown + "\n              because " + decision.reason();
    }
}
