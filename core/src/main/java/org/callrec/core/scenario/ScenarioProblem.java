package org.callrec.core.scenario;

import org.callrec.core.policy.internal.YamlProblem;

/**
 * One thing wrong with a scenario file (or the staff directory file it names).
 *
 * @param file the file; never null
 * @param path the field path, such as {@code scenarios[2].steps[3]}; empty for the whole file
 * @param value the bad value as written, or null when it is missing
 * @param rule the rule the value broke, in plain words
 * @param line the 1-based line, or 0 when it is not known
 */
public record ScenarioProblem(String file, String path, String value, String rule, int line) {

    /** Returns the problem as one line naming the file, line, path, value and rule. */
    public String describe() {
        return YamlProblem.describe(file, path, value, rule, line);
    }
}
