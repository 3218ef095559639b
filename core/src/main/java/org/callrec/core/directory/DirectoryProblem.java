package org.callrec.core.directory;

import org.callrec.core.policy.internal.YamlProblem;

/**
 * One thing wrong with a staff directory file.
 *
 * @param file the file or stream the directory came from
 * @param path the field path, such as {@code staff[2].addresses[0]}; empty when the problem
 *     concerns the whole file
 * @param value the bad value as written (shortened when long), or null when it is missing
 * @param rule the rule the value broke, in plain words
 * @param line the 1-based line of the file the problem concerns, or 0 when it is not known
 */
public record DirectoryProblem(String file, String path, String value, String rule, int line) {

    /** Returns the problem as one line naming the file, line, path, value and rule. */
    public String describe() {
        return YamlProblem.describe(file, path, value, rule, line);
    }
}
