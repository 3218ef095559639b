package org.callrec.core.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.policy.Policy;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.catalogue.CallRecord;

/**
 * Runs scenarios through the real {@link DecisionEngine}: each call on a fresh engine whose clock
 * is fixed at the file's start instant, each step as the neutral event it stands for, at its
 * time after the start. Then compares every decision, and the call as a whole, with what the
 * scenario expects.
 *
 * <p>Who a step is about when it does not say: a signal (sensitive, consent, ...) is given by
 * the staff member on the call (the one who answered or was last transferred to); a transfer
 * is made by them; hold is put on by them. A call from outside to staff is inbound, from staff
 * to outside outbound, between staff internal.
 *
 * <p>Stateless and safe to share.
 */
public final class ScenarioRunner {

    private final Policy policy;

    /**
     * Creates a runner for a policy.
     *
     * @param policy the policy under test; never null
     */
    public ScenarioRunner(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Runs every scenario of a file, in order. */
    public List<ScenarioResult> run(ScenarioFile file) {
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < file.scenarios().size(); i++) {
            results.add(run(file.source(), file.directory(), file.start(),
                    "scenario-" + (i + 1), file.scenarios().get(i)));
        }
        return results;
    }

    /**
     * Runs one scenario.
     *
     * @param source the name results give the scenario's source; never null
     * @param directory the staff directory; never null
     * @param start the instant the call starts at; never null
     * @param callId the id the call runs under; never null
     * @param scenario the scenario; never null
     * @return the result; never null
     * @throws IllegalArgumentException when a step names a party the directory does not know
     */
    public ScenarioResult run(String source, ScenarioDirectory directory, Instant start,
            String callId, CallScenario scenario) {
        Call call = new Call(directory, start, callId);
        List<StepOutcome> outcomes = new ArrayList<>();
        for (ScenarioStep step : scenario.steps()) {
            EngineAnswer answer = call.decide(step);
            outcomes.add(new StepOutcome(outcomes.size() + 1, step, answer.decision()));
        }
        return new ScenarioResult(source, scenario, outcomes,
                differences(scenario.expectation(), call, outcomes));
    }

    private List<String> differences(Expectation expected, Call call, List<StepOutcome> steps) {
        List<String> differences = new ArrayList<>();
        Set<String> cited = new LinkedHashSet<>();
        steps.forEach(s -> cited.addAll(s.decision().clauses()));
        CallRecord record = call.record();

        compare(differences, "spans recorded", expected.spans(), call.kept);
        compare(differences, "spans discarded", expected.discarded(), call.discarded);
        compare(differences, "clauses cited", sorted(expected.clauses()), sorted(cited));
        compare(differences, "flags", sorted(expected.flags()),
                sorted(record == null ? Set.of() : record.flags()));
        compare(differences, "lawful basis", expected.lawfulBasis(),
                record == null ? null : record.lawfulBasis());

        Instant deadline = call.endedAt == null ? null
                : policy.retention().deadlineFor(call.endedAt);
        if (expected.deadlineAfterEnd() != null) {
            Instant wanted = call.endedAt == null ? null
                    : call.endedAt.plus(expected.deadlineAfterEnd());
            compare(differences, "retention deadline", wanted, deadline);
        }
        compare(differences, "retention deadline", expected.deadline(), deadline);
        return differences;
    }

    private static void compare(List<String> differences, String what, Object expected,
            Object actual) {
        if (expected != null && !expected.equals(actual)) {
            differences.add(what + ": expected " + expected + ", actual "
                    + (actual == null ? "none (the call did not end)" : actual));
        }
    }

    private static Set<String> sorted(Set<String> values) {
        return values == null ? null : new TreeSet<>(values);
    }

    /** One scenario call on its own engine, and who is on it as the steps run. */
    private final class Call {
        final ScenarioDirectory directory;
        final Instant start;
        final String callId;
        final DecisionEngine engine;
        final List<ExpectedSpan> kept = new ArrayList<>();
        final List<ExpectedSpan> discarded = new ArrayList<>();
        String staffOnCall;
        String consulted;
        String caller;
        Instant endedAt;
        CallRecord ended;

        Call(ScenarioDirectory directory, Instant start, String callId) {
            this.directory = directory;
            this.start = start;
            this.callId = callId;
            this.engine = new DecisionEngine(policy, directory, Clock.fixed(start,
                    ZoneOffset.UTC));
        }

        EngineAnswer decide(ScenarioStep step) {
            Instant at = start.plus(step.offset());
            EngineAnswer answer = engine.decide(event(step, at));

            answer.span().ifPresent(span -> kept.add(new ExpectedSpan(
                    Duration.between(start, span.startedAt()),
                    Duration.between(start, span.endedAt()))));
            if (answer.discardEarlierSpans()) {
                discarded.addAll(kept);
                kept.clear();
            }
            answer.ended().ifPresent(record -> {
                ended = record;
                endedAt = record.endedAt();
            });
            return answer;
        }

        CallRecord record() {
            return ended != null ? ended : engine.snapshot(callId).orElse(null);
        }

        private CallEvent event(ScenarioStep step, Instant at) {
            CallEventType type = step.type();
            return switch (type) {
                case CALL_STARTED -> started(step, at);
                case ANSWERED -> {
                    String answerer = address(step.party());
                    onCall(answerer);
                    yield CallEvent.answered(callId, at, Party.of(answerer));
                }
                case TRANSFERRED -> {
                    String from = step.party() == null ? staffOnCall : address(step.party());
                    String to = address(step.target());
                    onCall(to);
                    yield CallEvent.transferred(callId, at, from == null ? null : Party.of(from),
                            Party.of(to), step.transferKind());
                }
                case CONSULTATION_STARTED -> {
                    consulted = address(step.target());
                    String from = step.party() == null ? staffOnCall : address(step.party());
                    yield CallEvent.consultation(type, callId, at, party(from),
                            Party.of(consulted));
                }
                case CONSULTATION_ENDED -> CallEvent.consultation(type, callId, at,
                        party(staffOnCall), Party.of(consulted == null ? caller : consulted));
                case PARTY_JOINED, PARTY_LEFT -> CallEvent.ofParty(type, callId, at,
                        Party.of(address(step.party())));
                case HOLD_STARTED, HOLD_ENDED -> CallEvent.ofParty(type, callId, at,
                        Party.of(staffOnCall == null ? caller : staffOnCall));
                case NOTICE_PLAYED -> CallEvent.withDetail(type, callId, at,
                        policy.notice().prompt());
                case RECORDER_FAILED, CALL_ENDED -> CallEvent.withDetail(type, callId, at,
                        step.detail());
                default -> CallEvent.signal(type, callId, at, step.by() == null
                        ? staffId(staffOnCall) : directory.staffIdOf(step.by()));
            };
        }

        private CallEvent started(ScenarioStep step, Instant at) {
            caller = address(step.party());
            String called = address(step.target());
            boolean fromStaff = directory.find(caller).isPresent();
            boolean toStaff = directory.find(called).isPresent();
            Direction direction = fromStaff && toStaff ? Direction.INTERNAL
                    : fromStaff ? Direction.OUTBOUND : Direction.INBOUND;
            staffOnCall = fromStaff ? caller : toStaff ? called : null;
            return CallEvent.started(callId, at, Party.of(caller), Party.of(called), direction);
        }

        private void onCall(String address) {
            if (directory.find(address).isPresent()) {
                staffOnCall = address;
            }
        }

        private String address(PartyRef party) {
            return directory.addressOf(party);
        }

        private String staffId(String address) {
            return address == null ? null
                    : directory.find(address).map(m -> m.staffId()).orElse(null);
        }

        private Party party(String address) {
            return address == null ? null : Party.of(address);
        }
    }
}
