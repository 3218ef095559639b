package org.callrec.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "callrec-data",
            description = "Folder of the embedded default installation"
                    + " (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = {"-v", "--verbose"},
            description = "Log decisions and show stack traces on failure.")
    boolean verbose;
}
