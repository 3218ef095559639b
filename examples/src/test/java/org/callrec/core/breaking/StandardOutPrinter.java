package org.callrec.core.breaking;

/** Breaks the rule that library code never prints: it writes to standard output. */
public final class StandardOutPrinter {
    private StandardOutPrinter() {
    }

    /** Prints a line where an operator's logging cannot see or filter it. */
    public static void print(String line) {
        System.out.println(line);
    }
}
