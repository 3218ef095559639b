package org.callrec.core.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.callrec.spi.call.CommandType;

/**
 * What one step's decision must be: exactly these commands in this order, and at least these
 * clauses among those it cites.
 *
 * @param commands the commands, in order; empty when the step must send none; null when they
 *     are not checked
 * @param clauses clauses the decision must cite; empty when not checked; never null
 */
public record ExpectedDecision(List<CommandType> commands, List<String> clauses) {

    /** The expectation of a step that sends no command and names no clause. */
    public static final ExpectedDecision NOTHING = new ExpectedDecision(List.of(), List.of());

    /** The expectation of a step whose decision is not checked. */
    public static final ExpectedDecision ANY = new ExpectedDecision(null, List.of());

    /** Creates an expectation, copying the lists. */
    public ExpectedDecision {
        commands = commands == null ? null : List.copyOf(commands);
        clauses = List.copyOf(clauses);
    }

    /** Returns the expectation as a file writes it, such as {@code stop-recording citing 3.3}. */
    public String describe() {
        String shown = commands == null ? "any command"
                : commands.isEmpty() ? "no command" : commands.stream()
                .map(ExpectedDecision::word).collect(Collectors.joining(", "));
        return clauses.isEmpty() ? shown : shown + " citing " + String.join(", ", clauses);
    }

    /** Returns the word a scenario file writes for a command, such as {@code start-recording}. */
    public static String word(CommandType command) {
        return command.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
