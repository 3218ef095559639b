package org.callrec.core.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.core.policy.NoticeMode;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.StopRecordingRule;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.DirectoryAnswer;
import org.callrec.spi.catalogue.Evidence;
import org.callrec.spi.catalogue.PartyRole;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;

/**
 * The state of one live call and the policy's rules applied to it. Not thread-safe: the engine
 * decides one event of a call at a time.
 *
 * <p>Every event updates what is known about the call, then {@link #reconcile} compares whether
 * the policy allows recording now with whether the call is being recorded, and emits the
 * commands that close the gap.
 */
final class CallState {
    private enum Recorder { IDLE, RECORDING, PAUSED }

    private enum Notice { NONE, ROUTE, PLAYED, ATTESTED }

    // Written out rather than built from the Notice's name: the gate gives one on most events.
    private static final String TOLD_BY_PROMPT =
            "a listed team's call; the other party was told (played)";
    private static final String TOLD_BY_ATTESTATION =
            "a listed team's call; the other party was told (attested)";

    private final Policy policy;
    private final StaffDirectory directory;
    private final PhoneNumbers numbers;
    private final String callId;
    private final Direction direction;
    private final Instant startedAt;
    // The clauses a recordable call cites, gathered once: the gate cites them on most events.
    private final String[] recordingClauses;

    private final Map<String, Answer> answers = new HashMap<>();
    private final List<DirectoryAnswer> directoryAnswers = new ArrayList<>();
    private final Map<String, String> present = new LinkedHashMap<>();
    private final Map<String, CallParty> everyone = new LinkedHashMap<>();
    private final Set<String> listedTeams = new TreeSet<>();
    private final Set<String> flags = new TreeSet<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<CallEvent> events = new ArrayList<>();

    private Instant lastAt;
    private CallEvent lastEvent;
    private boolean answered;
    private boolean ended;
    private Notice notice = Notice.NONE;
    private String stoppedForGood;
    private String stoppedForGoodClause;
    private boolean sensitivePending;
    private boolean onHold;
    private Recorder recorder = Recorder.IDLE;
    private String spanId;
    private Instant spanStartedAt;
    private int spanCount;

    CallState(Policy policy, StaffDirectory directory, PhoneNumbers numbers, CallEvent started) {
        this.policy = policy;
        this.directory = directory;
        this.numbers = numbers;
        this.callId = started.callId();
        this.direction = started.direction();
        this.startedAt = started.at();
        this.lastAt = started.at();
        this.recordingClauses = new String[] {policy.recordableCalls().clause(),
            policy.recordableCalls().partiesClause(), policy.notice().clause()};
    }

    String callId() {
        return callId;
    }

    boolean isEnded() {
        return ended;
    }

    int eventCount() {
        return events.size();
    }

    /** Returns why the event must be ignored, or null when it is to be decided. */
    String reasonToIgnore(CallEvent event) {
        if (event.at().isBefore(lastAt)) {
            return "ignored: earlier than the call's last event at " + lastAt
                    + " (events of a call are decided in time order)";
        }
        if (lastEvent != null && sameExceptSource(event, lastEvent)) {
            return "ignored: duplicate of the call's previous event";
        }
        return null;
    }

    /** Decides one event of this call. The event has a time and belongs to this call. */
    EngineAnswer decide(CallEvent event) {
        Step step = apply(event);

        lastAt = event.at();
        lastEvent = event;
        events.add(event);
        Decision decision = new Decision(callId, event.at(), event, step.commands,
                policy.version(), step.clauses, step.reason());
        decisions.add(decision);

        CallRecord record = ended ? toRecord(event.at()) : null;
        return new EngineAnswer(decision, step.closedSpan, record, step.discardEarlierSpans);
    }

    /** Returns the call's record as it stands, with no end time while it is live. */
    CallRecord toRecord(Instant endedAt) {
        return new CallRecord(callId, direction, listedTeams, List.copyOf(everyone.values()),
                evidence, flags, policy.lawfulBasis().basis(), policy.version(), startedAt,
                endedAt, decisions, events, directoryAnswers);
    }

    private Step apply(CallEvent event) {
        switch (event.type()) {
            case CALL_STARTED:
                return onStarted(event);
            case ANSWERED:
                join(event.party(), "answer", event.at());
                answered = true;
                return reconcile(event.at(), new Step("answered"));
            case TRANSFERRED:
                return onTransferred(event);
            case PARTY_JOINED:
                join(event.party(), "conference", event.at());
                return reconcile(event.at(), new Step("a party joined in conference"));
            case PARTY_LEFT:
                present.remove(event.party().address());
                return reconcile(event.at(), new Step("a party left"));
            case CONSULTATION_STARTED:
                return onConsultation(event);
            case CONSULTATION_ENDED:
                return reconcile(event.at(), new Step("consultation leg ended"));
            case NOTICE_PLAYED:
                return onNoticePlayed(event);
            case NOTICE_ATTESTED:
                return onNoticeAttested(event);
            case SENSITIVE_FLAGGED:
                return onSensitive(event);
            case REMINDER_GIVEN:
                addEvidence("reminder", event, null);
                return reconcile(event.at(), new Step("caller reminded that the call is recorded")
                        .cite(policy.sensitiveInformation().clause()));
            case CONSENT_GIVEN:
                return onConsentGiven(event);
            case CONSENT_REFUSED:
                return stopForGood(event, "consent-refused",
                        "the caller refused consent to continue recording",
                        policy.sensitiveInformation().clause());
            case CONSENT_WITHDRAWN:
                return stopForGood(event, "consent-withdrawn",
                        "the caller withdrew consent to recording",
                        policy.sensitiveInformation().clause());
            case CALLER_OBJECTED:
                return onObjection(event);
            case CHILD_FLAGGED:
                return onChild(event);
            case HOLD_STARTED:
                onHold = true;
                return reconcile(event.at(), new Step("call on hold"));
            case HOLD_ENDED:
                onHold = false;
                return reconcile(event.at(), new Step("call off hold"));
            case SEGMENT_AVAILABLE:
                return reconcile(event.at(), new Step("platform reports span audio written"));
            case RECORDER_FAILED:
                return onRecorderFailed(event);
            case CALL_ENDED:
                return onEnded(event);
            default:
                throw new IllegalStateException("no rule for event type " + event.type());
        }
    }

    private Step onStarted(CallEvent event) {
        join(event.party(), "call", event.at());
        lookUp(event.target().address(), event.at());
        Step step = new Step("call started, "
                + direction.name().toLowerCase(java.util.Locale.ROOT));

        boolean announcedByRoute = direction == Direction.INBOUND
                && policy.notice().announcingRoutes().contains(event.target().address());
        if (announcedByRoute) {
            notice = Notice.ROUTE;
            flags.add("notice-weak");
            addEvidence("notice-route", event, "weak: inbound route configured to announce");
            step.cite(policy.notice().clause()).note("the route announces recording");
        } else if (direction == Direction.INBOUND && policy.notice().prompt() != null) {
            step.commands.add(new RecordingCommand(CommandType.PLAY_NOTICE, callId, null));
            step.cite(policy.notice().clause()).note("notice prompt requested");
        }
        return reconcile(event.at(), step);
    }

    private Step onTransferred(CallEvent event) {
        if (event.party() != null) {
            present.remove(event.party().address());
        }
        String how = event.transferKind().name().toLowerCase(java.util.Locale.ROOT) + " transfer";
        join(event.target(), how, event.at());
        answered = true;
        return reconcile(event.at(), new Step("transferred by " + how));
    }

    private Step onConsultation(CallEvent event) {
        Optional<StaffMember> target = lookUp(event.target().address(), event.at());
        Step step = new Step("consultation leg started");
        if (target.isPresent() && stopsRecording(target.get())) {
            step.cite(policy.stopRecording().clause())
                    .note("a consultation leg with " + describeStopper(target.get())
                            + " is never recorded");
        } else {
            step.note("a consultation leg is not part of the call's recording");
        }
        return reconcile(event.at(), step);
    }

    private Step onNoticePlayed(CallEvent event) {
        notice = Notice.PLAYED;
        flags.remove("notice-missing");
        addEvidence("notice-played", event, event.detail());
        return reconcile(event.at(), new Step("notice heard to play")
                .cite(policy.notice().clause()));
    }

    private Step onNoticeAttested(CallEvent event) {
        addEvidence("notice-attested", event, null);
        Step step = new Step("staff attested notice").cite(policy.notice().clause());
        if (direction == Direction.OUTBOUND && policy.notice().attestationOnOutbound()) {
            if (notice != Notice.PLAYED) {
                notice = Notice.ATTESTED;
            }
            flags.remove("notice-missing");
        } else {
            step.note("attestation counts as notice only on outbound calls");
        }
        return reconcile(event.at(), step);
    }

    private Step onSensitive(CallEvent event) {
        addEvidence("sensitive-flagged", event, null);
        Step step = new Step("sensitive information flagged")
                .cite(policy.sensitiveInformation().clause());
        if (policy.sensitiveInformation().pauseUntilConsent()) {
            sensitivePending = true;
            step.note("recording waits for explicit consent");
        }
        return reconcile(event.at(), step);
    }

    private Step onConsentGiven(CallEvent event) {
        addEvidence("consent-given", event, null);
        sensitivePending = false;
        return reconcile(event.at(), new Step("explicit consent given")
                .cite(policy.sensitiveInformation().clause()));
    }

    private Step onObjection(CallEvent event) {
        boolean keep = policy.objection().keepEarlierRecording();
        flags.add("objected");
        Step step = stopForGood(event, "objection", "the caller objected to recording",
                policy.objection().clause());
        step.note(keep ? "earlier recording kept and flagged" : "earlier recording discarded");
        step.discardEarlierSpans = !keep;
        return step;
    }

    private Step onChild(CallEvent event) {
        flags.add("child");
        addEvidence("child-flagged", event, null);
        Step step = new Step("a child is involved").cite(policy.lawfulBasis().clause());
        if (policy.lawfulBasis().childBalancingTest()) {
            flags.add("child-balancing-test");
            step.note("marked for the balancing test");
        }
        return reconcile(event.at(), step);
    }

    private Step onRecorderFailed(CallEvent event) {
        flags.add("recorder-failed");
        Step step = new Step("recorder failed");
        if (recorder != Recorder.IDLE) {
            step.closedSpan = closeSpan(event.at());
            step.note("the open span is closed as it stands");
        }
        return reconcile(event.at(), step);
    }

    private Step onEnded(CallEvent event) {
        present.clear();
        ended = true;
        Step step = new Step("call ended");
        if (event.detail() != null && !event.detail().isBlank()) {
            // Any detail means the end was inferred (a capture or connection that stopped), not
            // seen: the recording says so.
            flags.add("ended-unclean");
            step.note("end inferred: " + event.detail());
        }
        Step result = reconcile(event.at(), step);
        result.cite(policy.retention().clause()).note("retention deadline "
                + policy.retention().deadlineFor(event.at()));
        return result;
    }

    private Step stopForGood(CallEvent event, String kind, String why, String clause) {
        addEvidence(kind, event, null);
        if (stoppedForGood == null) {
            stoppedForGood = why;
            stoppedForGoodClause = clause;
        }
        return reconcile(event.at(), new Step(why).cite(clause));
    }

    private void join(Party party, String how, Instant at) {
        Optional<StaffMember> member = lookUp(party.address(), at);
        present.put(party.address(), how);
        member.ifPresent(staff -> staff.teams().stream()
                .filter(policy.recordableCalls().teams()::contains)
                .forEach(listedTeams::add));
        everyone.computeIfAbsent(party.address(), address -> member
                .map(staff -> new CallParty(PartyRole.STAFF, address, null, staff.staffId()))
                .orElseGet(() -> new CallParty(PartyRole.EXTERNAL, address,
                        numbers.toE164(address).orElse(null), null)));

        if (member.isPresent() && stopsRecording(member.get())
                && !policy.stopRecording().restartWhenTheyLeave() && stoppedForGood == null) {
            stoppedForGood = describeStopper(member.get()) + " joined by " + how
                    + "; recording does not restart";
            stoppedForGoodClause = policy.stopRecording().clause();
        }
    }

    private Optional<StaffMember> lookUp(String address, Instant at) {
        return answers.computeIfAbsent(address, key -> {
            Optional<StaffMember> member = directory.find(key);
            directoryAnswers.add(new DirectoryAnswer(key, at, member.orElse(null)));
            return new Answer(member, member.isPresent() && stopsRecording(member.get()),
                    member.isPresent() && inListedTeam(member.get()));
        }).member();
    }

    private boolean stopsRecording(StaffMember member) {
        StopRecordingRule rule = policy.stopRecording();
        return anyIn(member.roles(), rule.roles()) || anyIn(member.teams(), rule.teams());
    }

    private boolean inListedTeam(StaffMember member) {
        return anyIn(member.teams(), policy.recordableCalls().teams());
    }

    /** Whether any of the names is in the set. */
    private static boolean anyIn(Set<String> names, Set<String> set) {
        for (String name : names) {
            if (set.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private String describeStopper(StaffMember member) {
        StopRecordingRule rule = policy.stopRecording();
        Optional<String> team = member.teams().stream().filter(rule.teams()::contains)
                .sorted().findFirst();
        if (team.isPresent()) {
            return "a member of " + team.get();
        }
        return "a holder of role " + member.roles().stream().filter(rule.roles()::contains)
                .sorted().findFirst().orElse("?");
    }

    private void addEvidence(String kind, CallEvent event, String detail) {
        evidence.add(new Evidence(kind, event.at(), event.staffId(), detail));
    }

    /**
     * Compares what the policy allows now with what the recorder is doing, and adds the
     * commands that close the gap to the step.
     */
    private Step reconcile(Instant at, Step step) {
        Gate gate = ended ? Gate.off("nothing more to record") : gate();
        step.cite(gate.clauses);
        if (gate.pauseClause != null) {
            step.cite(gate.pauseClause);
        }

        if (!gate.record) {
            if (recorder != Recorder.IDLE) {
                step.commands.add(command(CommandType.STOP_RECORDING));
                step.closedSpan = closeSpan(at);
                step.outcome = "stopped";
            } else {
                step.outcome = "not recording";
            }
            step.note(gate.why);
            return step;
        }

        if (gate.flagNoticeMissing) {
            flags.add("notice-missing");
        }
        if (recorder == Recorder.IDLE) {
            spanCount++;
            spanId = callId + "-s" + spanCount;
            spanStartedAt = at;
            recorder = Recorder.RECORDING;
            step.commands.add(command(CommandType.START_RECORDING));
            step.outcome = "started";
        } else {
            step.outcome = recorder == Recorder.PAUSED ? "paused" : "recording";
        }
        if (gate.pause != null && recorder == Recorder.RECORDING) {
            recorder = Recorder.PAUSED;
            step.commands.add(command(CommandType.PAUSE_RECORDING));
            step.outcome = "paused";
        } else if (gate.pause == null && recorder == Recorder.PAUSED) {
            recorder = Recorder.RECORDING;
            step.commands.add(command(CommandType.RESUME_RECORDING));
            step.outcome = "resumed";
        }
        step.note(gate.pause != null ? gate.pause : gate.why);
        return step;
    }

    private Gate gate() {
        if (stoppedForGood != null) {
            return Gate.off(stoppedForGood, stoppedForGoodClause);
        }
        for (Map.Entry<String, String> party : present.entrySet()) {
            Answer answer = answers.get(party.getKey());
            if (answer.stopsRecording()) {
                return Gate.off(describeStopper(answer.member().get()) + " is a party (joined by "
                        + party.getValue() + ")", policy.stopRecording().clause());
            }
        }
        if (!answered || present.size() < 2) {
            return Gate.off("no conversation yet");
        }
        if (!policy.recordableCalls().directions().contains(direction)) {
            return Gate.off(direction.name().toLowerCase(java.util.Locale.ROOT)
                    + " calls are not recorded", policy.recordableCalls().clause());
        }
        boolean listedTeamPresent = false;
        for (String address : present.keySet()) {
            if (answers.get(address).inListedTeam()) {
                listedTeamPresent = true;
                break;
            }
        }
        if (!listedTeamPresent) {
            return Gate.off("no member of a listed team is on the call",
                    policy.recordableCalls().clause());
        }
        return noticeGate();
    }

    private Gate noticeGate() {
        String noticeClause = policy.notice().clause();
        boolean externalPresent = false;
        for (String address : present.keySet()) {
            if (answers.get(address).member().isEmpty()) {
                externalPresent = true;
                break;
            }
        }

        Gate gate;
        if (!externalPresent) {
            gate = Gate.on("a listed team's internal call; staff are told by the staff notices",
                    recordingClauses);
        } else if (notice == Notice.PLAYED || notice == Notice.ATTESTED) {
            gate = Gate.on(notice == Notice.PLAYED ? TOLD_BY_PROMPT : TOLD_BY_ATTESTATION,
                    recordingClauses);
        } else if (notice == Notice.ROUTE) {
            gate = Gate.on("a listed team's call; the route announces (weaker evidence)",
                    recordingClauses);
        } else if (policy.notice().mode() == NoticeMode.WAIT_FOR_EVIDENCE) {
            return Gate.off("waiting for evidence that the other party was told",
                    noticeClause);
        } else {
            gate = Gate.on("a listed team's call; no evidence of notice, flagged",
                    recordingClauses);
            gate.flagNoticeMissing = true;
        }

        if (sensitivePending) {
            gate.pause = "sensitive information, waiting for explicit consent";
            gate.pauseClause = policy.sensitiveInformation().clause();
        } else if (onHold) {
            gate.pause = "call on hold";
        }
        return gate;
    }

    private RecordedSpan closeSpan(Instant at) {
        RecordedSpan span = new RecordedSpan(callId, spanId, spanStartedAt, at);
        recorder = Recorder.IDLE;
        spanId = null;
        spanStartedAt = null;
        return span;
    }

    private RecordingCommand command(CommandType type) {
        return new RecordingCommand(type, callId, spanId);
    }

    private static boolean sameExceptSource(CallEvent a, CallEvent b) {
        return a.type() == b.type() && a.at().equals(b.at())
                && java.util.Objects.equals(a.party(), b.party())
                && java.util.Objects.equals(a.target(), b.target())
                && a.direction() == b.direction() && a.transferKind() == b.transferKind()
                && java.util.Objects.equals(a.staffId(), b.staffId())
                && java.util.Objects.equals(a.detail(), b.detail());
    }

    /**
     * What the directory answered for an address, with what the policy makes of it worked out
     * once per call rather than on every event: the member and the policy do not change while
     * the call lasts.
     */
    private record Answer(Optional<StaffMember> member, boolean stopsRecording,
            boolean inListedTeam) {
    }

    /** Whether the policy allows recording now, why, and whether recording must pause. */
    private static final class Gate {
        final boolean record;
        final String why;
        final String[] clauses;
        String pause;
        String pauseClause;
        boolean flagNoticeMissing;

        private Gate(boolean record, String why, String... clauses) {
            this.record = record;
            this.why = why;
            this.clauses = clauses;
        }

        static Gate on(String why, String... clauses) {
            return new Gate(true, why, clauses);
        }

        static Gate off(String why, String... clauses) {
            return new Gate(false, why, clauses);
        }
    }

    /** What one event led to: commands, clauses cited and the words of the reason. */
    private static final class Step {
        final String cause;
        final List<RecordingCommand> commands = new ArrayList<>();
        // A list kept free of repeats rather than a LinkedHashSet: a step cites a handful of
        // clauses, and the list goes into the Decision as it is.
        final List<String> clauses = new ArrayList<>(4);
        final List<String> notes = new ArrayList<>(2);
        String outcome = "";
        RecordedSpan closedSpan;
        boolean discardEarlierSpans;

        Step(String cause) {
            this.cause = cause;
        }

        Step cite(String... ids) {
            for (String id : ids) {
                citeOnce(id);
            }
            return this;
        }

        private void citeOnce(String id) {
            if (!clauses.contains(id)) {
                clauses.add(id);
            }
        }

        Step note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return this;
        }

        String reason() {
            // The reason is built on every event and kept with the call: concatenation makes the
            // string in one allocation, where a StringBuilder makes it twice.
            switch (notes.size()) {
                case 0:
                    return outcome + ": " + cause;
                case 1:
                    return outcome + ": " + cause + "; " + notes.get(0);
                case 2:
                    return outcome + ": " + cause + "; " + notes.get(0) + "; " + notes.get(1);
                default:
                    return outcome + ": " + cause + "; " + String.join("; ", notes);
            }
        }
    }
}
