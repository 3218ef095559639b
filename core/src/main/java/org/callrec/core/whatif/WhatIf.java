package org.callrec.core.whatif;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.policy.Policy;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.catalogue.CallRecord;

/**
 * Replays the stored decision inputs of past calls through a policy and compares the result
 * with what was decided. It reads call records only and writes nothing: what-if changes nothing
 * stored.
 *
 * <p>Each call runs on a fresh {@link DecisionEngine} with a {@link StoredAnswersDirectory}, so
 * the replay is decided on the directory answers the call was decided on. The same events
 * through the same policy give the same decisions; replaying a call through the policy that
 * decided it shows no change.
 *
 * <p>Stateless and safe to share.
 */
public final class WhatIf {
    private final Policy policy;
    private final Clock clock;

    /**
     * Creates a what-if run for a policy.
     *
     * @param policy the new policy version; never null
     * @param clock stamps events stored without a time (none should be); never null
     */
    public WhatIf(Policy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Replays a call's stored events through the policy, on its stored directory answers.
     *
     * @param stored the call as catalogued; never null
     * @return the call as the policy would decide it; never null
     */
    public CallRecord replay(CallRecord stored) {
        DecisionEngine engine = new DecisionEngine(policy,
                new StoredAnswersDirectory(stored.directoryAnswers()), clock);
        CallRecord ended = null;
        for (CallEvent event : stored.events()) {
            EngineAnswer answer = engine.decide(event);
            if (answer.endedCall() != null) {
                ended = answer.endedCall();
            }
        }
        return ended != null ? ended : engine.snapshot(stored.callId()).orElseThrow(() ->
                new IllegalArgumentException("call " + stored.callId() + " has no stored events"
                        + " that start it, so it cannot be replayed"));
    }

    /**
     * Compares a call as it was decided with how the policy would decide it.
     *
     * @param stored the call as catalogued; never null
     * @param deadline the call's retention deadline now, or null when it has none
     * @param recordings how many recordings of the call are stored
     * @return the change; never null
     */
    public CallChange compare(CallRecord stored, Instant deadline, int recordings) {
        CallRecord replayed = replay(stored);
        List<String> differences = new ArrayList<>();
        boolean commandsDiffer = compareDecisions(stored.decisions(), replayed.decisions(),
                differences);
        if (!new TreeSet<>(stored.flags()).equals(new TreeSet<>(replayed.flags()))) {
            differences.add("flags: were " + new TreeSet<>(stored.flags()) + ", would be "
                    + new TreeSet<>(replayed.flags()));
        }

        Instant after = replayed.endedAt() == null ? null
                : policy.retention().deadlineFor(replayed.endedAt());
        boolean deadlineMoves = deadline != null && after != null && !deadline.equals(after);
        if (deadlineMoves) {
            differences.add("retention deadline: was " + deadline + ", would be " + after
                    + " (" + recordings + " recording(s))");
        }

        boolean before = records(stored.decisions());
        boolean now = records(replayed.decisions());
        CallChange.Kind kind = !before && now ? CallChange.Kind.STARTS_RECORDING
                : before && !now ? CallChange.Kind.STOPS_RECORDING
                : commandsDiffer ? CallChange.Kind.RECORDED_DIFFERENTLY
                : differences.isEmpty() ? CallChange.Kind.UNCHANGED
                : CallChange.Kind.KEPT_DIFFERENTLY;
        return new CallChange(stored.callId(), kind, differences, deadline, after,
                deadlineMoves ? recordings : 0);
    }

    private static boolean compareDecisions(List<Decision> was, List<Decision> would,
            List<String> differences) {
        boolean commandsDiffer = false;
        for (int i = 0; i < Math.max(was.size(), would.size()); i++) {
            Optional<Decision> a = i < was.size() ? Optional.of(was.get(i)) : Optional.empty();
            Optional<Decision> b = i < would.size() ? Optional.of(would.get(i)) : Optional.empty();
            boolean sameCommands = a.map(WhatIf::commands).equals(b.map(WhatIf::commands));
            boolean sameClauses = a.map(Decision::clauses).equals(b.map(Decision::clauses));
            if (sameCommands && sameClauses) {
                continue;
            }
            commandsDiffer |= !sameCommands;
            String event = a.or(() -> b).map(d -> d.event().type().toString()).orElse("?");
            differences.add("step " + (i + 1) + " " + event + ": was " + describe(a)
                    + "; would be " + describe(b));
        }
        return commandsDiffer;
    }

    private static boolean records(List<Decision> decisions) {
        return decisions.stream().anyMatch(d -> commands(d).contains(CommandType.START_RECORDING));
    }

    private static List<CommandType> commands(Decision decision) {
        return decision.commands().stream().map(RecordingCommand::type).toList();
    }

    private static String describe(Optional<Decision> decision) {
        return decision.map(d -> (d.commands().isEmpty() ? "no command" : commands(d).toString())
                + " because " + d.citation()).orElse("(no decision)");
    }
}
