package org.callrec.core.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.TransferKind;

/**
 * Reads one step as a scenario file writes it: a time, what happens in the policy's words, and
 * after {@code =>} the decision expected, for example
 * {@code +30s transferred blind to team hr => stop-recording citing 3.3}. A step with no
 * {@code =>} expects no command.
 */
final class StepGrammar {
    /** The words a step may begin with, after its time. */
    static final List<String> STEP_WORDS = List.of("call", "notice", "answered", "transferred",
            "consulted", "consultation", "joined", "left", "hold", "sensitive", "reminder",
            "consent", "objection", "child", "recorder", "ended");

    private static final List<String> PARTY_WORDS = Arrays.stream(PartyRef.Kind.values())
            .map(PartyRef.Kind::word).toList();
    private static final List<String> TRANSFER_WORDS = Arrays.stream(TransferKind.values())
            .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
    private static final List<String> COMMAND_WORDS = Arrays.stream(CommandType.values())
            .map(ExpectedDecision::word).toList();

    /** Thrown when a step cannot be read; the message names the word and what was understood. */
    static final class StepSyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepSyntaxException(String message) {
            super(message);
        }
    }

    private final List<String> words;
    private int next;

    private StepGrammar(List<String> words) {
        this.words = words;
    }

    /**
     * Reads a step.
     *
     * @throws StepSyntaxException naming the word not understood and the words that would be
     */
    static ScenarioStep read(String text, int line) {
        String[] halves = text.split("=>", -1);
        if (halves.length > 2) {
            throw new StepSyntaxException("a step has at most one '=>'");
        }
        StepGrammar happening = new StepGrammar(tokens(halves[0]));
        ExpectedDecision expected = halves.length == 2
                ? new StepGrammar(tokens(halves[1])).expectedDecision()
                : ExpectedDecision.NOTHING;

        String time = happening.take("a time such as +30s");
        Duration offset = StepTimes.parse(time);
        if (offset == null) {
            throw new StepSyntaxException("'" + time + "' is not a step time; write +30s, +2m,"
                    + " +1h or +1m30s");
        }
        return happening.happening(text.strip(), line, offset, expected);
    }

    private ScenarioStep happening(String text, int line, Duration offset,
            ExpectedDecision expected) {
        String word = oneOf("step word", STEP_WORDS);
        Builder step = new Builder(text, line, offset, expected);
        switch (word) {
            case "call" -> {
                word("from");
                step.party = party();
                word("to");
                step.target = party();
                step.type = CallEventType.CALL_STARTED;
            }
            case "notice" -> {
                String how = oneOf("word after 'notice'", List.of("played", "attested"));
                step.type = how.equals("played") ? CallEventType.NOTICE_PLAYED
                        : CallEventType.NOTICE_ATTESTED;
                step.by = optionalBy();
            }
            case "answered" -> {
                word("by");
                step.party = party();
                step.type = CallEventType.ANSWERED;
            }
            case "transferred" -> {
                step.transferKind = TransferKind.valueOf(oneOf("kind of transfer",
                        TRANSFER_WORDS).toUpperCase(Locale.ROOT));
                word("to");
                step.target = party();
                if (optional("from")) {
                    step.party = party();
                }
                step.type = CallEventType.TRANSFERRED;
            }
            case "consulted" -> {
                step.target = party();
                step.type = CallEventType.CONSULTATION_STARTED;
                step.party = optionalBy();
            }
            case "consultation" -> {
                word("ended");
                step.type = CallEventType.CONSULTATION_ENDED;
            }
            case "joined", "left" -> {
                step.party = party();
                step.type = word.equals("joined") ? CallEventType.PARTY_JOINED
                        : CallEventType.PARTY_LEFT;
            }
            case "hold" -> step.type = optional("ended") ? CallEventType.HOLD_ENDED
                    : CallEventType.HOLD_STARTED;
            case "consent" -> {
                String how = oneOf("word after 'consent'",
                        List.of("given", "refused", "withdrawn"));
                step.type = CallEventType.valueOf("CONSENT_" + how.toUpperCase(Locale.ROOT));
                step.by = optionalBy();
            }
            case "sensitive", "reminder", "objection", "child" -> {
                step.type = switch (word) {
                    case "sensitive" -> CallEventType.SENSITIVE_FLAGGED;
                    case "reminder" -> CallEventType.REMINDER_GIVEN;
                    case "objection" -> CallEventType.CALLER_OBJECTED;
                    default -> CallEventType.CHILD_FLAGGED;
                };
                step.by = optionalBy();
            }
            case "recorder" -> {
                word("failed");
                step.type = CallEventType.RECORDER_FAILED;
                step.detail = "recorder failed";
            }
            default -> {
                step.type = CallEventType.CALL_ENDED;
                if (optional("early")) {
                    step.detail = "ended early: the call's last event was lost";
                }
            }
        }
        end();
        return step.build();
    }

    private ExpectedDecision expectedDecision() {
        List<CommandType> commands = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        List<String> first = new ArrayList<>(COMMAND_WORDS);
        first.add("nothing");
        String word = oneOf("expected command", first);
        if (!word.equals("nothing")) {
            commands.add(command(word));
            while (next < words.size() && !words.get(next).equals("citing")) {
                commands.add(command(oneOf("expected command", COMMAND_WORDS)));
            }
        }
        if (optional("citing")) {
            clauses.add(take("a clause such as 3.3"));
            while (next < words.size()) {
                clauses.add(words.get(next++));
            }
        }
        end();
        return new ExpectedDecision(commands, clauses);
    }

    private static CommandType command(String word) {
        return CommandType.valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private PartyRef party() {
        PartyRef.Kind kind = PartyRef.Kind.valueOf(oneOf("kind of party", PARTY_WORDS)
                .toUpperCase(Locale.ROOT));
        return new PartyRef(kind, take("the " + kind.word() + "'s name"));
    }

    private PartyRef optionalBy() {
        return optional("by") ? party() : null;
    }

    private void word(String expected) {
        oneOf("word", List.of(expected));
    }

    private boolean optional(String word) {
        if (next < words.size() && words.get(next).equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    private String oneOf(String what, List<String> understood) {
        String word = take(what);
        if (!understood.contains(word)) {
            throw new StepSyntaxException("'" + word + "' is not understood as a " + what
                    + "; understood: " + String.join(", ", understood));
        }
        return word;
    }

    private String take(String what) {
        if (next >= words.size()) {
            throw new StepSyntaxException("the step ends where " + what + " was expected");
        }
        return words.get(next++);
    }

    private void end() {
        if (next < words.size()) {
            throw new StepSyntaxException("'" + words.get(next) + "' is not understood after"
                    + " the end of the step; understood: '=>' and the decision expected");
        }
    }

    private static List<String> tokens(String text) {
        return Arrays.stream(text.trim().split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** The parts of a step as they are read. */
    private static final class Builder {
        final String text;
        final int line;
        final Duration offset;
        final ExpectedDecision expected;
        CallEventType type;
        PartyRef party;
        PartyRef target;
        TransferKind transferKind;
        PartyRef by;
        String detail;

        Builder(String text, int line, Duration offset, ExpectedDecision expected) {
            this.text = text;
            this.line = line;
            this.offset = offset;
            this.expected = expected;
        }

        ScenarioStep build() {
            return new ScenarioStep(text, line, offset, type, party, target, transferKind, by,
                    detail, expected);
        }
    }
}
