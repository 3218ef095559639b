package org.callrec.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a policy file cannot be used: it cannot be read, is not YAML, has unknown keys or
 * values of the wrong type, breaks a constraint, or contradicts itself. It carries every problem
 * found in the file, not only the first, and its message lists them one per line.
 */
public class PolicyFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient List<PolicyProblem> problems;

    /**
     * Creates the exception.
     *
     * @param file the file or stream the policy came from; never null
     * @param problems what is wrong, at least one; never null
     */
    public PolicyFileException(String file, List<PolicyProblem> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** Returns the file or stream the policy came from; never null. */
    public String file() {
        return file;
    }

    /** Returns every problem found, in the order of the file's lines; never empty. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String message(String file, List<PolicyProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "policy file " + file + " cannot be used (" + count + "):\n"
                + problems.stream().map(PolicyProblem::describe).collect(Collectors.joining("\n"));
    }
}
