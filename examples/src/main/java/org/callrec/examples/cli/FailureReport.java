package org.callrec.examples.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on standard error (the message names the file, the line and
 * the rule broken) and exit code 1; with {@code --verbose} the stack trace follows.
 */
final class FailureReport implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception failure, CommandLine line, ParseResult parsed) {
        Throwable shown = failure instanceof UncheckedIOException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName()
                : shown.getMessage();
        if (shown instanceof NoSuchFileException || shown instanceof FileNotFoundException) {
            message = "no such file: " + message;
        }
        line.getErr().println("callrec: " + NumberRedaction.of(message));

        boolean verbose = parsed.subcommands().stream()
                .anyMatch(sub -> sub.hasMatchedOption("--verbose"));
        if (verbose) {
            failure.printStackTrace(line.getErr());
        }
        return 1;
    }
}
