package org.callrec.core.scenario;

import java.util.List;
import java.util.Objects;

/**
 * How one scenario ran: every step with its decision, and what differs from the expectation.
 *
 * @param source the file the scenario came from, or a name for one built in code; never null
 * @param scenario the scenario; never null
 * @param steps each step with the decision taken on it; never null
 * @param differences what differs for the call as a whole (spans, clauses, flags, deadline,
 *     lawful basis), one readable line each; empty when all matches; never null
 */
public record ScenarioResult(String source, CallScenario scenario, List<StepOutcome> steps,
        List<String> differences) {

    /** How many diverging steps a report shows in full, so that a failure fits one screen. */
    static final int STEPS_SHOWN = 3;

    /** Creates a result, copying the lists. */
    public ScenarioResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scenario, "scenario");
        steps = List.copyOf(steps);
        differences = List.copyOf(differences);
    }

    /** Returns whether every step and the call as a whole came out as expected. */
    public boolean passed() {
        return differences.isEmpty() && steps.stream().allMatch(StepOutcome::matches);
    }

    /** Returns the steps whose decision was not the one expected, in order. */
    public List<StepOutcome> divergingSteps() {
        return steps.stream().filter(s -> !s.matches()).toList();
    }

    /**
     * Returns the result as a person reads it: {@code PASS name}, or {@code FAIL name} with the
     * first diverging steps (their line, the expected and the actual decision, the reason and
     * the clauses cited) and every difference of the call as a whole.
     */
    public String describe() {
        String where = scenario.line() > 0 ? " (" + source + ":" + scenario.line() + ")" : "";
        if (passed()) {
            return "PASS  " + scenario.name();
        }

        StringBuilder text = new StringBuilder("FAIL  ").append(scenario.name()).append(where);
        List<StepOutcome> diverging = divergingSteps();
        for (StepOutcome step : diverging.subList(0, Math.min(STEPS_SHOWN, diverging.size()))) {
            text.append("\n  step ").append(step.number());
            if (step.step().line() > 0) {
                text.append(", line ").append(step.step().line());
            }
            text.append(": ").append(step.step().text())
                    .append("\n    expected: ").append(step.step().expected().describe())
                    .append("\n    actual:   ").append(step.describeActual());
        }
        if (diverging.size() > STEPS_SHOWN) {
            text.append("\n  ... and ").append(diverging.size() - STEPS_SHOWN)
                    .append(" more diverging step(s)");
        }
        for (String difference : differences) {
            text.append("\n  ").append(difference);
        }
        return text.toString();
    }
}
