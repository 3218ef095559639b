package org.callrec.examples.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints a refusal: the rule that refused, as the exception's message states it, and nothing of
 * the recording (library messages name ids and rules only).
 */
final class Refusals {
    private Refusals() {
    }

    static int print(CommandSpec spec, Exception refused) {
        spec.commandLine().getErr().printf("callrec %s: refused: %s%n", spec.name(),
                NumberRedaction.of(refused.getMessage()));
        return 1;
    }

    static int usage(CommandSpec spec, String message) {
        spec.commandLine().getErr().printf("callrec %s: %s%n", spec.name(),
                NumberRedaction.of(message));
        return 2;
    }
}
