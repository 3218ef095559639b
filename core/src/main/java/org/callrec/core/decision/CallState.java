package org.callrec.core.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.core.decision.Citations.Citation;
import org.callrec.core.policy.NoticeMode;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.StopRecordingRule;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.call.TransferKind;
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
 *
 * <p>Built so that the usual event (hold, unhold, a party joining a call already recorded)
 * allocates only its {@link Decision} and the engine's answer: the step is worked out in one
 * reusable {@link Step}, the clause list and reason sentence come from the engine's shared
 * {@link Citations}, a span's commands are made once per span, and the history is one array of
 * the decisions, each holding its event.
 */
final class CallState {
    private enum Recorder { IDLE, RECORDING, PAUSED }

    private enum Notice { NONE, ROUTE, PLAYED, ATTESTED }

    // Written out rather than built from the Notice's name: the gate gives one on most events.
    private static final String TOLD_BY_PROMPT =
            "a listed team's call; the other party was told (played)";
    private static final String TOLD_BY_ATTESTATION =
            "a listed team's call; the other party was told (attested)";
    private static final String[] NO_CLAUSES = {};
    private static final String[] STARTED_CAUSES = new String[Direction.values().length];
    private static final String[] NOT_RECORDED = new String[Direction.values().length];
    private static final String[] TRANSFER_HOWS = new String[TransferKind.values().length];
    private static final String[] TRANSFER_CAUSES = new String[TransferKind.values().length];
    private static final int FIRST_HISTORY = 16;

    static {
        // The words that name a direction or a transfer kind, made once instead of per event.
        for (Direction direction : Direction.values()) {
            String name = direction.name().toLowerCase(Locale.ROOT);
            STARTED_CAUSES[direction.ordinal()] = "call started, " + name;
            NOT_RECORDED[direction.ordinal()] = name + " calls are not recorded";
        }
        for (TransferKind kind : TransferKind.values()) {
            String how = kind.name().toLowerCase(Locale.ROOT) + " transfer";
            TRANSFER_HOWS[kind.ordinal()] = how;
            TRANSFER_CAUSES[kind.ordinal()] = "transferred by " + how;
        }
    }

    private final Policy policy;
    private final StaffDirectory directory;
    private final PhoneNumbers numbers;
    private final Citations citations;
    private final String callId;
    private final Direction direction;
    private final Instant startedAt;
    // The clause sets the gate cites, gathered once per engine: the gate cites them on most
    // events.
    private final String[] recordingClauses;
    private final String[] stopClauses;
    private final String[] recordableClauses;
    private final String[] noticeClauses;

    private final Map<String, Answer> answers = new HashMap<>();
    private final List<DirectoryAnswer> directoryAnswers = new ArrayList<>();
    private final Map<String, CallParty> everyone = new LinkedHashMap<>();
    private final Set<String> listedTeams = new TreeSet<>();
    // Made when the first flag is raised: most calls raise none.
    private Set<String> flags;
    private final List<Evidence> evidence = new ArrayList<>();
    private final Step step = new Step();
    // The parties on the call now, in the order they joined: a handful, walked on every event.
    private Presence[] present = new Presence[4];
    private int presentCount;
    // Each decision holds its event, so the one array is the call's history of both.
    private Decision[] history = new Decision[FIRST_HISTORY];
    private int historyCount;

    // What the policy allows now, as last worked out by gate(); see reconcile.
    private boolean gateRecord;
    private String gateWhy;
    private String[] gateClauses;
    private String gatePause;
    private String gatePauseClause;
    private boolean gateFlagNoticeMissing;

    private Instant lastAt;
    private CallEvent lastEvent;
    private boolean answered;
    private boolean ended;
    private Notice notice = Notice.NONE;
    private String stoppedForGood;
    private String[] stoppedForGoodClauses;
    private boolean sensitivePending;
    private boolean onHold;
    private Recorder recorder = Recorder.IDLE;
    private String spanId;
    private Instant spanStartedAt;
    private int spanCount;
    // The commands about the open span, made once per span: most events repeat one of them.
    private String commandsSpanId;
    private final RecordingCommand[] spanCommands =
            new RecordingCommand[CommandType.values().length];
    private final List<RecordingCommand>[] spanCommandLists = newCommandLists();

    CallState(Policy policy, StaffDirectory directory, PhoneNumbers numbers, Citations citations,
            CallEvent started) {
        this.policy = policy;
        this.directory = directory;
        this.numbers = numbers;
        this.citations = citations;
        this.callId = started.callId();
        this.direction = started.direction();
        this.startedAt = started.at();
        this.lastAt = started.at();
        this.recordingClauses = citations.recording;
        this.stopClauses = citations.stop;
        this.recordableClauses = citations.recordable;
        this.noticeClauses = citations.notice;
    }

    @SuppressWarnings("unchecked")
    private static List<RecordingCommand>[] newCommandLists() {
        return new List[CommandType.values().length];
    }

    String callId() {
        return callId;
    }

    boolean isEnded() {
        return ended;
    }

    int eventCount() {
        return historyCount;
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
        Citation citation = citations.of(step);
        Decision decision = new Decision(callId, event.at(), event, commandsOf(step),
                policy.version(), citation.clauses, citation.reason);
        remember(decision);

        CallRecord record = ended ? toRecord(event.at()) : null;
        return new EngineAnswer(decision, step.closedSpan, record, step.discardEarlierSpans);
    }

    /** Returns the call's record as it stands, with no end time while it is live. */
    CallRecord toRecord(Instant endedAt) {
        CallEvent[] events = new CallEvent[historyCount];
        for (int i = 0; i < historyCount; i++) {
            events[i] = history[i].event();
        }
        // Immutable lists, which the record keeps as they are instead of copying them again.
        return new CallRecord(callId, direction, listedTeams, List.copyOf(everyone.values()),
                evidence, flags == null ? Set.of() : flags, policy.lawfulBasis().basis(),
                policy.version(), startedAt, endedAt,
                List.of(Arrays.copyOf(history, historyCount)), List.of(events), directoryAnswers);
    }

    private void remember(Decision decision) {
        if (historyCount == history.length) {
            history = Arrays.copyOf(history, historyCount * 2);
        }
        history[historyCount++] = decision;
    }

    /** The step's commands as an immutable list, the one-command lists kept per span. */
    private List<RecordingCommand> commandsOf(Step step) {
        if (step.commandCount == 0) {
            return List.of();
        }
        if (step.commandCount == 1) {
            RecordingCommand only = step.commands[0];
            int type = only.type().ordinal();
            if (spanCommands[type] == only) {
                List<RecordingCommand> list = spanCommandLists[type];
                if (list == null) {
                    list = List.of(only);
                    spanCommandLists[type] = list;
                }
                return list;
            }
            return List.of(only);
        }
        return List.of(Arrays.copyOf(step.commands, step.commandCount));
    }

    private Step apply(CallEvent event) {
        switch (event.type()) {
            case CALL_STARTED:
                return onStarted(event);
            case ANSWERED:
                join(event.party(), "answer", event.at());
                answered = true;
                return reconcile(event.at(), step.begin("answered"));
            case TRANSFERRED:
                return onTransferred(event);
            case PARTY_JOINED:
                join(event.party(), "conference", event.at());
                return reconcile(event.at(), step.begin("a party joined in conference"));
            case PARTY_LEFT:
                leave(event.party().address());
                return reconcile(event.at(), step.begin("a party left"));
            case CONSULTATION_STARTED:
                return onConsultation(event);
            case CONSULTATION_ENDED:
                return reconcile(event.at(), step.begin("consultation leg ended"));
            case NOTICE_PLAYED:
                return onNoticePlayed(event);
            case NOTICE_ATTESTED:
                return onNoticeAttested(event);
            case SENSITIVE_FLAGGED:
                return onSensitive(event);
            case REMINDER_GIVEN:
                addEvidence("reminder", event, null);
                return reconcile(event.at(),
                        step.begin("caller reminded that the call is recorded")
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
                return reconcile(event.at(), step.begin("call on hold"));
            case HOLD_ENDED:
                onHold = false;
                return reconcile(event.at(), step.begin("call off hold"));
            case SEGMENT_AVAILABLE:
                return reconcile(event.at(), step.begin("platform reports span audio written"));
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
        step.begin(STARTED_CAUSES[direction.ordinal()]);

        boolean announcedByRoute = direction == Direction.INBOUND
                && policy.notice().announcingRoutes().contains(event.target().address());
        if (announcedByRoute) {
            notice = Notice.ROUTE;
            flag("notice-weak");
            addEvidence("notice-route", event, "weak: inbound route configured to announce");
            step.cite(policy.notice().clause()).note("the route announces recording");
        } else if (direction == Direction.INBOUND && policy.notice().prompt() != null) {
            step.command(new RecordingCommand(CommandType.PLAY_NOTICE, callId, null));
            step.cite(policy.notice().clause()).note("notice prompt requested");
        }
        return reconcile(event.at(), step);
    }

    private Step onTransferred(CallEvent event) {
        if (event.party() != null) {
            leave(event.party().address());
        }
        int kind = event.transferKind().ordinal();
        join(event.target(), TRANSFER_HOWS[kind], event.at());
        answered = true;
        return reconcile(event.at(), step.begin(TRANSFER_CAUSES[kind]));
    }

    private Step onConsultation(CallEvent event) {
        Answer target = answerFor(event.target().address(), event.at());
        step.begin("consultation leg started");
        if (target.stopsRecording) {
            step.cite(policy.stopRecording().clause())
                    .note("a consultation leg with " + target.stopper + " is never recorded");
        } else {
            step.note("a consultation leg is not part of the call's recording");
        }
        return reconcile(event.at(), step);
    }

    private Step onNoticePlayed(CallEvent event) {
        notice = Notice.PLAYED;
        unflag("notice-missing");
        addEvidence("notice-played", event, event.detail());
        return reconcile(event.at(), step.begin("notice heard to play")
                .cite(policy.notice().clause()));
    }

    private Step onNoticeAttested(CallEvent event) {
        addEvidence("notice-attested", event, null);
        step.begin("staff attested notice").cite(policy.notice().clause());
        if (direction == Direction.OUTBOUND && policy.notice().attestationOnOutbound()) {
            if (notice != Notice.PLAYED) {
                notice = Notice.ATTESTED;
            }
            unflag("notice-missing");
        } else {
            step.note("attestation counts as notice only on outbound calls");
        }
        return reconcile(event.at(), step);
    }

    private Step onSensitive(CallEvent event) {
        addEvidence("sensitive-flagged", event, null);
        step.begin("sensitive information flagged").cite(policy.sensitiveInformation().clause());
        if (policy.sensitiveInformation().pauseUntilConsent()) {
            sensitivePending = true;
            step.note("recording waits for explicit consent");
        }
        return reconcile(event.at(), step);
    }

    private Step onConsentGiven(CallEvent event) {
        addEvidence("consent-given", event, null);
        sensitivePending = false;
        return reconcile(event.at(), step.begin("explicit consent given")
                .cite(policy.sensitiveInformation().clause()));
    }

    private Step onObjection(CallEvent event) {
        boolean keep = policy.objection().keepEarlierRecording();
        flag("objected");
        stopForGood(event, "objection", "the caller objected to recording",
                policy.objection().clause());
        step.note(keep ? "earlier recording kept and flagged" : "earlier recording discarded");
        step.discardEarlierSpans = !keep;
        return step;
    }

    private Step onChild(CallEvent event) {
        flag("child");
        addEvidence("child-flagged", event, null);
        step.begin("a child is involved").cite(policy.lawfulBasis().clause());
        if (policy.lawfulBasis().childBalancingTest()) {
            flag("child-balancing-test");
            step.note("marked for the balancing test");
        }
        return reconcile(event.at(), step);
    }

    private Step onRecorderFailed(CallEvent event) {
        flag("recorder-failed");
        step.begin("recorder failed");
        if (recorder != Recorder.IDLE) {
            step.closedSpan = closeSpan(event.at());
            step.note("the open span is closed as it stands");
        }
        return reconcile(event.at(), step);
    }

    private Step onEnded(CallEvent event) {
        presentCount = 0;
        Arrays.fill(present, null);
        ended = true;
        step.begin("call ended");
        if (event.detail() != null && !event.detail().isBlank()) {
            // Any detail means the end was inferred (a capture or connection that stopped), not
            // seen: the recording says so.
            flag("ended-unclean");
            step.note("end inferred: " + event.detail());
        }
        reconcile(event.at(), step);
        return step.cite(policy.retention().clause()).note("retention deadline "
                + policy.retention().deadlineFor(event.at()));
    }

    private Step stopForGood(CallEvent event, String kind, String why, String clause) {
        addEvidence(kind, event, null);
        if (stoppedForGood == null) {
            stoppedForGood = why;
            stoppedForGoodClauses = new String[] {clause};
        }
        return reconcile(event.at(), step.begin(why).cite(clause));
    }

    private void join(Party party, String how, Instant at) {
        String address = party.address();
        Answer answer = answerFor(address, at);
        enter(address, how, answer);
        if (answer.member.isPresent()) {
            StaffMember staff = answer.member.get();
            for (String team : staff.teams()) {
                if (policy.recordableCalls().teams().contains(team)) {
                    listedTeams.add(team);
                }
            }
        }
        if (!everyone.containsKey(address)) {
            // Limitation: libphonenumber parses each external party's number once per call, on
            // the decision path; it costs more (about 3.8 KB and several microseconds) than all
            // the call's other events together, so per-event figures depend on call length.
            everyone.put(address, answer.member.isPresent()
                    ? new CallParty(PartyRole.STAFF, address, null, answer.member.get().staffId())
                    : new CallParty(PartyRole.EXTERNAL, address,
                            numbers.toE164(address).orElse(null), null));
        }

        if (answer.stopsRecording && !policy.stopRecording().restartWhenTheyLeave()
                && stoppedForGood == null) {
            stoppedForGood = answer.stopper + " joined by " + how + "; recording does not restart";
            stoppedForGoodClauses = stopClauses;
        }
    }

    /** Puts the party on the call, or records how they joined again if already on it. */
    private void enter(String address, String how, Answer answer) {
        for (int i = 0; i < presentCount; i++) {
            if (present[i].address.equals(address)) {
                present[i].joinedBy(how);
                return;
            }
        }
        if (presentCount == present.length) {
            present = Arrays.copyOf(present, presentCount * 2);
        }
        present[presentCount++] = new Presence(address, how, answer);
    }

    /** Takes the party off the call, keeping the others in the order they joined. */
    private void leave(String address) {
        for (int i = 0; i < presentCount; i++) {
            if (present[i].address.equals(address)) {
                System.arraycopy(present, i + 1, present, i, presentCount - i - 1);
                present[--presentCount] = null;
                return;
            }
        }
    }

    private Optional<StaffMember> lookUp(String address, Instant at) {
        return answerFor(address, at).member;
    }

    private Answer answerFor(String address, Instant at) {
        Answer answer = answers.get(address);
        if (answer == null) {
            Optional<StaffMember> member = directory.find(address);
            directoryAnswers.add(new DirectoryAnswer(address, at, member.orElse(null)));
            boolean stops = member.isPresent() && stopsRecording(member.get());
            answer = new Answer(member, stops, member.isPresent() && inListedTeam(member.get()),
                    stops ? describeStopper(member.get()) : null);
            answers.put(address, answer);
        }
        return answer;
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

    private void flag(String flag) {
        if (flags == null) {
            flags = new TreeSet<>();
        }
        flags.add(flag);
    }

    private void unflag(String flag) {
        if (flags != null) {
            flags.remove(flag);
        }
    }

    private void addEvidence(String kind, CallEvent event, String detail) {
        evidence.add(new Evidence(kind, event.at(), event.staffId(), detail));
    }

    /**
     * Compares what the policy allows now with what the recorder is doing, and adds the
     * commands that close the gap to the step.
     */
    private Step reconcile(Instant at, Step step) {
        if (ended) {
            off("nothing more to record", NO_CLAUSES);
        } else {
            gate();
        }
        step.cite(gateClauses);
        if (gatePauseClause != null) {
            step.cite(gatePauseClause);
        }

        if (!gateRecord) {
            if (recorder != Recorder.IDLE) {
                step.command(command(CommandType.STOP_RECORDING));
                step.closedSpan = closeSpan(at);
                step.outcome = "stopped";
            } else {
                step.outcome = "not recording";
            }
            step.note(gateWhy);
            return step;
        }

        if (gateFlagNoticeMissing) {
            flag("notice-missing");
        }
        if (recorder == Recorder.IDLE) {
            spanCount++;
            spanId = callId + "-s" + spanCount;
            spanStartedAt = at;
            recorder = Recorder.RECORDING;
            step.command(command(CommandType.START_RECORDING));
            step.outcome = "started";
        } else {
            step.outcome = recorder == Recorder.PAUSED ? "paused" : "recording";
        }
        if (gatePause != null && recorder == Recorder.RECORDING) {
            recorder = Recorder.PAUSED;
            step.command(command(CommandType.PAUSE_RECORDING));
            step.outcome = "paused";
        } else if (gatePause == null && recorder == Recorder.PAUSED) {
            recorder = Recorder.RECORDING;
            step.command(command(CommandType.RESUME_RECORDING));
            step.outcome = "resumed";
        }
        step.note(gatePause != null ? gatePause : gateWhy);
        return step;
    }

    /** Works out whether the policy allows recording now, into the gate fields. */
    private void gate() {
        if (stoppedForGood != null) {
            off(stoppedForGood, stoppedForGoodClauses);
            return;
        }
        for (int i = 0; i < presentCount; i++) {
            Presence party = present[i];
            if (party.answer.stopsRecording) {
                off(party.stopperNote(), stopClauses);
                return;
            }
        }
        if (!answered || presentCount < 2) {
            off("no conversation yet", NO_CLAUSES);
            return;
        }
        if (!policy.recordableCalls().directions().contains(direction)) {
            off(NOT_RECORDED[direction.ordinal()], recordableClauses);
            return;
        }
        boolean listedTeamPresent = false;
        for (int i = 0; i < presentCount; i++) {
            if (present[i].answer.inListedTeam) {
                listedTeamPresent = true;
                break;
            }
        }
        if (!listedTeamPresent) {
            off("no member of a listed team is on the call", recordableClauses);
            return;
        }
        noticeGate();
    }

    private void noticeGate() {
        boolean externalPresent = false;
        for (int i = 0; i < presentCount; i++) {
            if (present[i].answer.member.isEmpty()) {
                externalPresent = true;
                break;
            }
        }

        if (!externalPresent) {
            on("a listed team's internal call; staff are told by the staff notices");
        } else if (notice == Notice.PLAYED || notice == Notice.ATTESTED) {
            on(notice == Notice.PLAYED ? TOLD_BY_PROMPT : TOLD_BY_ATTESTATION);
        } else if (notice == Notice.ROUTE) {
            on("a listed team's call; the route announces (weaker evidence)");
        } else if (policy.notice().mode() == NoticeMode.WAIT_FOR_EVIDENCE) {
            off("waiting for evidence that the other party was told", noticeClauses);
            return;
        } else {
            on("a listed team's call; no evidence of notice, flagged");
            gateFlagNoticeMissing = true;
        }

        if (sensitivePending) {
            gatePause = "sensitive information, waiting for explicit consent";
            gatePauseClause = policy.sensitiveInformation().clause();
        } else if (onHold) {
            gatePause = "call on hold";
        }
    }

    private void on(String why) {
        gate(true, why, recordingClauses);
    }

    private void off(String why, String[] clauses) {
        gate(false, why, clauses);
    }

    private void gate(boolean record, String why, String[] clauses) {
        gateRecord = record;
        gateWhy = why;
        gateClauses = clauses;
        gatePause = null;
        gatePauseClause = null;
        gateFlagNoticeMissing = false;
    }

    private RecordedSpan closeSpan(Instant at) {
        RecordedSpan span = new RecordedSpan(callId, spanId, spanStartedAt, at);
        recorder = Recorder.IDLE;
        spanId = null;
        spanStartedAt = null;
        return span;
    }

    /** Returns the command about the open span, made once per span and type. */
    private RecordingCommand command(CommandType type) {
        if (commandsSpanId != spanId) {
            Arrays.fill(spanCommands, null);
            Arrays.fill(spanCommandLists, null);
            commandsSpanId = spanId;
        }
        RecordingCommand command = spanCommands[type.ordinal()];
        if (command == null) {
            command = new RecordingCommand(type, callId, spanId);
            spanCommands[type.ordinal()] = command;
        }
        return command;
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
    private static final class Answer {
        final Optional<StaffMember> member;
        final boolean stopsRecording;
        final boolean inListedTeam;
        // How the policy names them when they stop recording ("a member of hr"), or null.
        final String stopper;

        Answer(Optional<StaffMember> member, boolean stopsRecording, boolean inListedTeam,
                String stopper) {
            this.member = member;
            this.stopsRecording = stopsRecording;
            this.inListedTeam = inListedTeam;
            this.stopper = stopper;
        }
    }

    /** A party on the call now, how they joined, and the directory's answer for them. */
    private static final class Presence {
        final String address;
        final Answer answer;
        String how;
        // Why recording stops while they are on the call, made once while they stay.
        private String stopperNote;

        Presence(String address, String how, Answer answer) {
            this.address = address;
            this.how = how;
            this.answer = answer;
        }

        void joinedBy(String again) {
            if (!again.equals(how)) {
                how = again;
                stopperNote = null;
            }
        }

        String stopperNote() {
            if (stopperNote == null) {
                stopperNote = answer.stopper + " is a party (joined by " + how + ")";
            }
            return stopperNote;
        }
    }

    /**
     * What one event led to: commands, clauses cited and the words of the reason. One per call,
     * begun afresh for each event (the engine decides one event of a call at a time), so that
     * working out a decision allocates nothing.
     */
    static final class Step {
        String cause;
        String outcome;
        String[] notes = new String[4];
        int noteCount;
        String[] clauses = new String[8];
        int clauseCount;
        RecordingCommand[] commands = new RecordingCommand[4];
        int commandCount;
        RecordedSpan closedSpan;
        boolean discardEarlierSpans;

        Step begin(String why) {
            cause = why;
            outcome = "";
            Arrays.fill(notes, 0, noteCount, null);
            noteCount = 0;
            clauseCount = 0;
            Arrays.fill(commands, 0, commandCount, null);
            commandCount = 0;
            closedSpan = null;
            discardEarlierSpans = false;
            return this;
        }

        Step cite(String[] ids) {
            for (String id : ids) {
                cite(id);
            }
            return this;
        }

        Step cite(String id) {
            for (int i = 0; i < clauseCount; i++) {
                if (clauses[i].equals(id)) {
                    return this;
                }
            }
            if (clauseCount == clauses.length) {
                clauses = Arrays.copyOf(clauses, clauseCount * 2);
            }
            clauses[clauseCount++] = id;
            return this;
        }

        Step note(String note) {
            for (int i = 0; i < noteCount; i++) {
                if (notes[i].equals(note)) {
                    return this;
                }
            }
            if (noteCount == notes.length) {
                notes = Arrays.copyOf(notes, noteCount * 2);
            }
            notes[noteCount++] = note;
            return this;
        }

        void command(RecordingCommand command) {
            if (commandCount == commands.length) {
                commands = Arrays.copyOf(commands, commandCount * 2);
            }
            commands[commandCount++] = command;
        }

        /** A hash of the outcome, cause, notes and clauses, for {@link Citations}. */
        int wordsHash() {
            int hash = outcome.hashCode() * 31 + cause.hashCode();
            for (int i = 0; i < noteCount; i++) {
                hash = hash * 31 + notes[i].hashCode();
            }
            hash = hash * 31 + noteCount;
            for (int i = 0; i < clauseCount; i++) {
                hash = hash * 31 + clauses[i].hashCode();
            }
            return hash;
        }
    }
}
