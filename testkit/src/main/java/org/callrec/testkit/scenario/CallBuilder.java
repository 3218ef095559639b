package org.callrec.testkit.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.callrec.core.policy.Policy;
import org.callrec.core.scenario.CallScenario;
import org.callrec.core.scenario.ExpectedDecision;
import org.callrec.core.scenario.Expectation;
import org.callrec.core.scenario.PartyRef;
import org.callrec.core.scenario.ScenarioDirectory;
import org.callrec.core.scenario.ScenarioFile;
import org.callrec.core.scenario.ScenarioResult;
import org.callrec.core.scenario.ScenarioRunner;
import org.callrec.core.scenario.ScenarioStep;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.TransferKind;
import org.opentest4j.AssertionFailedError;

/**
 * Describes one call step by step, in the policy's words, with what each decision must be. Each
 * step happens one second after the one before unless {@link #at} says when. A step with no
 * {@link #expect()} is not checked. Not thread-safe; build one scenario per test.
 */
public final class CallBuilder {
    private final String name;
    private final List<ScenarioStep> steps = new ArrayList<>();
    private PartyRef caller;
    private TransferKind pendingTransfer;
    private Duration next = Duration.ZERO;
    private Set<String> flags;
    private Duration deadlineAfterEnd;

    CallBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Names the caller; {@link #to} then names who is called, which starts the call. */
    public CallBuilder from(PartyRef party) {
        this.caller = Objects.requireNonNull(party, "party");
        return this;
    }

    /** Names who is called (after {@link #from}) or who a transfer goes to. */
    public CallBuilder to(PartyRef party) {
        Objects.requireNonNull(party, "party");
        if (pendingTransfer != null) {
            TransferKind kind = pendingTransfer;
            pendingTransfer = null;
            return step("transferred " + word(kind) + " to " + party, CallEventType.TRANSFERRED,
                    null, party, kind);
        }
        if (caller == null || !steps.isEmpty()) {
            throw new IllegalStateException("to(...) follows from(...) to start the call, or"
                    + " transferred(...) to name where it goes");
        }
        return step("call from " + caller + " to " + party, CallEventType.CALL_STARTED, caller,
                party, null);
    }

    /** Sets when the next step happens, such as {@code "+30s"} after the call started. */
    public CallBuilder at(String offset) {
        this.next = Duration.parse("PT" + offset.replace("+", "").toUpperCase(
                java.util.Locale.ROOT));
        return this;
    }

    /** The notice prompt was heard to play. */
    public CallBuilder noticePlayed() {
        return step("notice played", CallEventType.NOTICE_PLAYED, null, null, null);
    }

    /** Staff attested that they told the other party (outbound calls). */
    public CallBuilder noticeAttested() {
        return step("notice attested", CallEventType.NOTICE_ATTESTED, null, null, null);
    }

    /** The party answered the call. */
    public CallBuilder answeredBy(PartyRef party) {
        return step("answered by " + party, CallEventType.ANSWERED, party, null, null);
    }

    /** The call is transferred in this way; {@link #to} names where. */
    public CallBuilder transferred(TransferKind kind) {
        this.pendingTransfer = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /** The staff member on the call consults the party on a separate leg. */
    public CallBuilder consulted(PartyRef party) {
        return step("consulted " + party, CallEventType.CONSULTATION_STARTED, null, party, null);
    }

    /** The consultation leg ended without a transfer. */
    public CallBuilder consultationEnded() {
        return step("consultation ended", CallEventType.CONSULTATION_ENDED, null, null, null);
    }

    /** The party joined the call in conference. */
    public CallBuilder joined(PartyRef party) {
        return step("joined " + party, CallEventType.PARTY_JOINED, party, null, null);
    }

    /** The party left the call while others stay on it. */
    public CallBuilder left(PartyRef party) {
        return step("left " + party, CallEventType.PARTY_LEFT, party, null, null);
    }

    /** The call was put on hold. */
    public CallBuilder hold() {
        return step("hold", CallEventType.HOLD_STARTED, null, null, null);
    }

    /** The call was taken off hold. */
    public CallBuilder holdEnded() {
        return step("hold ended", CallEventType.HOLD_ENDED, null, null, null);
    }

    /** Staff flagged that sensitive information is being discussed. */
    public CallBuilder sensitive() {
        return step("sensitive", CallEventType.SENSITIVE_FLAGGED, null, null, null);
    }

    /** Staff reminded the caller that the call is recorded. */
    public CallBuilder reminder() {
        return step("reminder", CallEventType.REMINDER_GIVEN, null, null, null);
    }

    /** The caller gave explicit consent. */
    public CallBuilder consentGiven() {
        return step("consent given", CallEventType.CONSENT_GIVEN, null, null, null);
    }

    /** The caller refused consent. */
    public CallBuilder consentRefused() {
        return step("consent refused", CallEventType.CONSENT_REFUSED, null, null, null);
    }

    /** The caller withdrew consent given earlier. */
    public CallBuilder consentWithdrawn() {
        return step("consent withdrawn", CallEventType.CONSENT_WITHDRAWN, null, null, null);
    }

    /** The caller objected to being recorded. */
    public CallBuilder objection() {
        return step("objection", CallEventType.CALLER_OBJECTED, null, null, null);
    }

    /** Staff flagged that a child is involved. */
    public CallBuilder child() {
        return step("child", CallEventType.CHILD_FLAGGED, null, null, null);
    }

    /** The platform's recorder failed. */
    public CallBuilder recorderFailed() {
        return step("recorder failed", CallEventType.RECORDER_FAILED, null, null, null);
    }

    /** The call ended. */
    public CallBuilder ended() {
        return step("ended", CallEventType.CALL_ENDED, null, null, null);
    }

    /** Starts saying what the decision on the step just described must be. */
    public StepExpectation expect() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("expect() follows a step; start the call first");
        }
        return new StepExpectation(this);
    }

    /** Expects the call to end with exactly these flags, such as {@code child}. */
    public CallBuilder expectFlags(String... expected) {
        this.flags = new LinkedHashSet<>(List.of(expected));
        return this;
    }

    /** Expects the retention deadline to fall this long after the call ended. */
    public CallBuilder expectDeadlineAfterEnd(Duration period) {
        this.deadlineAfterEnd = Objects.requireNonNull(period, "period");
        return this;
    }

    /**
     * Runs the call through the policy on the real decision engine.
     *
     * @return the result, when everything came out as expected
     * @throws AssertionFailedError with the same readable difference as
     *     {@code callrec verify-policy} (the step, the expected and the actual decision, the
     *     reason and the clauses) when anything did not
     */
    public ScenarioResult verify(Policy policy, ScenarioDirectory staff) {
        ScenarioResult result = run(policy, staff);
        if (!result.passed()) {
            throw new AssertionFailedError(result.describe());
        }
        return result;
    }

    /** Runs the call through the policy and returns the result, passed or not. */
    public ScenarioResult run(Policy policy, ScenarioDirectory staff) {
        CallScenario scenario = new CallScenario(name, 0, steps,
                new Expectation(null, null, null, flags, deadlineAfterEnd, null, null));
        return new ScenarioRunner(policy).run("scenario", staff, ScenarioFile.DEFAULT_START,
                "testkit-call", scenario);
    }

    CallBuilder expectStep(List<CommandType> commands, List<String> clauses) {
        int last = steps.size() - 1;
        steps.set(last, steps.get(last).expecting(new ExpectedDecision(commands, clauses)));
        return this;
    }

    private CallBuilder step(String text, CallEventType type, PartyRef party, PartyRef target,
            TransferKind kind) {
        if (steps.isEmpty() && type != CallEventType.CALL_STARTED) {
            throw new IllegalStateException("start the call first: call().from(...).to(...)");
        }
        String shown = "+" + next.toSeconds() + "s " + text;
        steps.add(new ScenarioStep(shown, 0, next, type, party, target, kind, null,
                null, ExpectedDecision.ANY));
        next = next.plusSeconds(1);
        return this;
    }

    private static String word(TransferKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
