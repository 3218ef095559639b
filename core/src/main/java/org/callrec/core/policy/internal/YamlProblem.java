package org.callrec.core.policy.internal;

/**
 * One thing wrong with a YAML file, before the caller turns it into its own public problem type.
 *
 * @param path the field path, such as {@code recordable-calls.teams[1]}; empty for the whole file
 * @param value the bad value as written, or null when the value is missing
 * @param rule the rule the value broke, in plain words
 * @param line the 1-based line the problem was found on, or 0 when it is not known
 */
public record YamlProblem(String path, String value, String rule, int line) {

    private static final int SHOWN_LENGTH = 80;

    /**
     * Returns one line naming the file, line, path, value and rule, such as {@code policy.yaml:7:
     * retention.period = 'P3M': must be ...}. A problem of the whole file with no value (empty,
     * unreadable, not YAML) names only the file, line and rule.
     */
    public static String describe(String file, String path, String value, String rule, int line) {
        String where = line > 0 ? file + ":" + line : file;
        if (path.isEmpty() && value == null) {
            return where + ": " + rule;
        }
        String field = path.isEmpty() ? "(whole file)" : path;
        return where + ": " + field + " = " + shown(value) + ": " + rule;
    }

    /**
     * Returns a value as a problem shows it: quoted, with control characters escaped and long
     * values shortened, or {@code (missing)}.
     */
    public static String shown(String value) {
        if (value == null) {
            return "(missing)";
        }
        // A kind such as (a mapping) is shown bare; it is still escaped, since a value written
        // in parentheses in the file looks the same.
        boolean kind = value.startsWith("(") && value.endsWith(")");
        StringBuilder shown = new StringBuilder(kind ? "" : "'");
        value.codePoints().limit(SHOWN_LENGTH).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > SHOWN_LENGTH) {
            shown.append("...");
        }
        return kind ? shown.toString() : shown.append('\'').toString();
    }
}
