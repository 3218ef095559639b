package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** Starts the {@code callrec} tool. */
public final class Main {
    private Main() {
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(Clock.systemUTC(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the tool with the given clock and streams, returning the exit code instead of
     * exiting; tests call this.
     */
    public static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CallrecCommand top = new CallrecCommand(clock);
        CommandLine line = new CommandLine(top);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler(new FailureReport());
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
