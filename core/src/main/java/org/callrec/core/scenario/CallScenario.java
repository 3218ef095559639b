package org.callrec.core.scenario;

import java.util.List;
import java.util.Objects;

/**
 * One scenario: a call, step by step, and what it must come to.
 *
 * @param name what the scenario shows, in the policy's words; never null
 * @param line the line of the scenario file it starts on, or 0 when built in code
 * @param steps the steps in time order, the first starting the call; never null or empty
 * @param expectation what the whole call must come to; never null
 */
public record CallScenario(String name, int line, List<ScenarioStep> steps,
        Expectation expectation) {

    /** Creates a scenario, copying the steps. */
    public CallScenario {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        Objects.requireNonNull(expectation, "expectation");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + name + "' has no steps");
        }
    }
}
