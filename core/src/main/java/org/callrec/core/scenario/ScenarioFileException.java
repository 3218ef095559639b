package org.callrec.core.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a scenario file cannot be used: it is not YAML, has unknown keys, or a step with a
 * word that is not understood, a party the staff directory does not know, or a time earlier than
 * the step before. It carries every problem found, each naming its line, and a step's problem
 * lists the words that would have been understood.
 */
public class ScenarioFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ScenarioProblem> problems;

    /**
     * Creates the exception.
     *
     * @param file the scenario file; never null
     * @param problems what is wrong, at least one; never null
     */
    public ScenarioFileException(String file, List<ScenarioProblem> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem found, in the order of the file's lines; never empty. */
    public List<ScenarioProblem> problems() {
        return problems;
    }

    private static String message(String file, List<ScenarioProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "scenario file " + file + " cannot be used (" + count + "):\n"
                + problems.stream().map(ScenarioProblem::describe)
                        .collect(Collectors.joining("\n"));
    }
}
