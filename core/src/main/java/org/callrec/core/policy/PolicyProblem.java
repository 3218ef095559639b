package org.callrec.core.policy;

import org.callrec.core.policy.internal.YamlProblem;

/**
 * One thing wrong with a policy file.
 *
 * @param file the file or stream the policy came from
 * @param path the field path, such as {@code recordable-calls.teams[1]}; empty when the problem
 *     concerns the whole file (unreadable, empty, not YAML)
 * @param value the bad value as written (shortened when long), or null when it is missing
 * @param rule the rule the value broke, in plain words
 * @param line the 1-based line of the file the problem concerns, or 0 when it is not known
 */
public record PolicyProblem(String file, String path, String value, String rule, int line) {

    /**
     * Returns the problem as one line naming the file, line, path, value and rule, for example
     * {@code policy.yaml:31: retention.period = 'P3M': must be an ISO-8601 duration ...}.
     */
    public String describe() {
        return YamlProblem.describe(file, path, value, rule, line);
    }
}
