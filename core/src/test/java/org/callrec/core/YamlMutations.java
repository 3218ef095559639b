package org.callrec.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hostile variants of a YAML file for the loaders' fuzz tests: lines removed, repeated, swapped
 * or re-indented, characters replaced by YAML syntax, and the text cut short; and YAML-ish text
 * built from scratch.
 */
public final class YamlMutations {
    private static final String[] TOKENS = {": ", "- ", "-", ":", "&a ", "*a", "!!java.io.File ",
        "!!binary ", "{", "}", "[", "]", "\t", "---\n", "...\n", "? ", "|", ">", "#", "'", "\"",
        "~", "null", "0x10", "1e400", "-1", "9999999999999999999999", "P-1D", "2025-02-30",
        "\u0000", "\uFEFF", "\uD800", "\\", "%YAML 1.1\n", "<<: *a\n", "    ", "\n", "\r"};

    private YamlMutations() {
    }

    /** Returns the text with one to five random mutations applied. */
    public static String mutate(SplittableRandom random, String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int mutations = 1 + random.nextInt(5);
        for (int i = 0; i < mutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> lines.set(at, lines.get(random.nextInt(lines.size())));
                case 3 -> lines.set(at, "  " + lines.get(at));
                case 4 -> lines.set(at, lines.get(at).stripLeading());
                case 5 -> lines.set(at, insert(random, lines.get(at)));
                default -> lines.set(at, replace(random, lines.get(at)));
            }
        }
        String mutated = String.join("\n", lines);
        if (random.nextInt(10) == 0 && !mutated.isEmpty()) {
            mutated = mutated.substring(0, random.nextInt(mutated.length()));
        }
        return mutated;
    }

    /** Returns YAML-ish text built from tokens, words and indentation. */
    public static String yamlish(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(40);
        for (int i = 0; i < lines; i++) {
            text.append(" ".repeat(2 * random.nextInt(4)));
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                text.append(random.nextBoolean() ? TOKENS[random.nextInt(TOKENS.length)]
                        : FuzzRuns.oneOf(random, "policy", "version", "clause", "teams",
                        "retention", "hr", "3.2", "staff", "id", "addresses", "roles",
                        "x".repeat(random.nextInt(20))));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String insert(SplittableRandom random, String line) {
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + line.substring(at);
    }

    private static String replace(SplittableRandom random, String line) {
        if (line.isEmpty()) {
            return TOKENS[random.nextInt(TOKENS.length)];
        }
        int at = random.nextInt(line.length());
        int end = Math.min(line.length(), at + 1 + random.nextInt(8));
        return line.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)]
                + line.substring(end);
    }
}
