package org.callrec.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.callrec.core.policy.AccessRule;
import org.callrec.core.policy.LawfulBasisRule;
import org.callrec.core.policy.NoticeMode;
import org.callrec.core.policy.NoticeRule;
import org.callrec.core.policy.ObjectionRule;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.core.policy.RecordableCallsRule;
import org.callrec.core.policy.RetentionRule;
import org.callrec.core.policy.RetentionStart;
import org.callrec.core.policy.SensitiveInformationRule;
import org.callrec.core.policy.StopRecordingRule;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.TransferKind;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.DirectoryAnswer;
import org.callrec.spi.catalogue.Evidence;
import org.junit.jupiter.api.Test;

/**
 * Holds every decision of the engine to a recorded reference: seeded random sessions of
 * interleaved calls (every event type, every transfer kind, duplicates, events out of time order,
 * unknown calls, restarts of ended calls) under policies with every combination of the engine's
 * switches are decided, every answer and every ended call's record is written out as text, and
 * the SHA-256 of that text must equal the one in {@code decision-golden.sha256}. Any change in a
 * command, a clause, a reason's words, a span, evidence, a flag or a record fails it.
 *
 * <p>When it fails, the rendered text is in {@code target/decision-golden.txt}: render the
 * reference from the commit that last passed and compare the two files. Only a change of the
 * policy's reading that is meant, and reviewed, may replace the digest.
 */
class DecisionGoldenTest {
    private static final long SEED = 20_260_302L;
    private static final int SESSIONS = 2_000;
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String[] ADDRESSES = {"201", "202", "203", "204", "205", "206",
        "+447700900101", "07700 900102", "+442070000001", "0800 100 200", "ext-999",
        "not a number"};

    @Test
    void everyDecisionOfTheSeededSessionsMatchesTheRecordedReference() throws Exception {
        StringBuilder text = new StringBuilder(1 << 24);
        for (int session = 0; session < SESSIONS; session++) {
            renderSession(new SplittableRandom(SEED + session), session, text);
        }
        byte[] rendered = text.toString().getBytes(StandardCharsets.UTF_8);

        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(rendered));
        Path dump = Path.of("target", "decision-golden.txt");
        Files.createDirectories(dump.getParent());
        Files.write(dump, rendered);

        assertTrue(rendered.length > 1_000_000, "too little rendered: " + rendered.length);
        assertEquals(reference(), digest, "the engine's decisions differ from the recorded"
                + " reference; the rendered decisions are in " + dump.toAbsolutePath());
    }

    private static void renderSession(SplittableRandom random, int session, StringBuilder out) {
        Clock clock = Clock.fixed(T0.plusSeconds(random.nextInt(3)), ZoneOffset.UTC);
        DecisionEngine engine = new DecisionEngine(policy(random), EngineFixtures.directory(),
                clock);
        int calls = 1 + random.nextInt(5);
        Instant[] times = new Instant[calls];
        CallEvent[] previous = new CallEvent[calls];
        int[] opening = new int[calls];
        boolean scripted = random.nextBoolean();
        out.append("session ").append(session).append('\n');
        int events = 5 + random.nextInt(60);
        for (int i = 0; i < events; i++) {
            int call = random.nextInt(calls);
            String callId = random.nextInt(40) == 0 ? "g-unknown" : "g-" + session + "-" + call;
            CallEvent event = scripted && opening[call] < 3
                    ? opening(random, callId, opening[call]++, times, call)
                    : nextEvent(random, callId, previous[call], times, call);
            previous[call] = event;
            render(engine.decide(event), out);
        }
        for (int call = 0; call < calls; call++) {
            engine.snapshot("g-" + session + "-" + call)
                    .ifPresent(record -> render(record, out.append("live ")));
        }
        out.append("live calls ").append(engine.liveCalls()).append('\n');
    }

    private static CallEvent nextEvent(SplittableRandom random, String callId,
            CallEvent previous, Instant[] times, int call) {
        if (previous != null && random.nextInt(25) == 0) {
            return previous;
        }
        Instant at = times[call] == null ? T0 : times[call];
        int step = random.nextInt(20);
        at = step == 0 ? at.minusSeconds(1) : at.plusSeconds(step % 4);
        times[call] = at;
        if (random.nextInt(30) == 0) {
            at = null;
        }
        if (previous == null || random.nextInt(30) == 0) {
            return CallEvent.started(callId, at, party(random), party(random),
                    Direction.values()[random.nextInt(3)]);
        }
        CallEventType type = CallEventType.values()[random.nextInt(CallEventType.values().length)];
        return eventOf(random, type, callId, at);
    }

    /**
     * The usual start of a recorded call (an outside caller, the notice, a listed team's agent
     * answering), so that the random events that follow mostly meet a call being recorded.
     */
    private static CallEvent opening(SplittableRandom random, String callId, int step,
            Instant[] times, int call) {
        Instant at = (times[call] == null ? T0 : times[call]).plusSeconds(1);
        times[call] = at;
        Party agent = Party.of(random.nextInt(4) == 0 ? "201" : "202");
        switch (step) {
            case 0:
                return CallEvent.started(callId, at, Party.of("+447700900101"), agent,
                        random.nextInt(5) == 0 ? Direction.OUTBOUND : Direction.INBOUND);
            case 1:
                return CallEvent.withDetail(CallEventType.NOTICE_PLAYED, callId, at,
                        "this-call-may-be-monitored-or-recorded");
            default:
                return CallEvent.answered(callId, at, agent);
        }
    }

    private static CallEvent eventOf(SplittableRandom random, CallEventType type, String callId,
            Instant at) {
        switch (type) {
            case CALL_STARTED:
                return CallEvent.started(callId, at, party(random), party(random),
                        Direction.values()[random.nextInt(3)]);
            case ANSWERED:
                return CallEvent.answered(callId, at, party(random));
            case TRANSFERRED:
                return CallEvent.transferred(callId, at,
                        random.nextInt(4) == 0 ? null : party(random), party(random),
                        TransferKind.values()[random.nextInt(4)]);
            case PARTY_JOINED:
            case PARTY_LEFT:
            case HOLD_STARTED:
            case HOLD_ENDED:
                return CallEvent.ofParty(type, callId, at, party(random));
            case CONSULTATION_STARTED:
            case CONSULTATION_ENDED:
                return CallEvent.consultation(type, callId, at, party(random), party(random));
            case NOTICE_PLAYED:
            case CALL_ENDED:
            case RECORDER_FAILED:
            case SEGMENT_AVAILABLE:
                return CallEvent.withDetail(type, callId, at, detail(random));
            default:
                return CallEvent.signal(type, callId, at,
                        random.nextInt(3) == 0 ? null : "s20" + (1 + random.nextInt(6)));
        }
    }

    private static String detail(SplittableRandom random) {
        String[] details = {null, null, "", " ", "this-call-may-be-monitored-or-recorded",
            "capture ended", "other-prompt"};
        return details[random.nextInt(details.length)];
    }

    private static Party party(SplittableRandom random) {
        return Party.of(ADDRESSES[random.nextInt(ADDRESSES.length)]);
    }

    /** The test policy with each of the switches the engine reads drawn at random. */
    private static Policy policy(SplittableRandom random) {
        NoticeMode mode = random.nextBoolean() ? NoticeMode.WAIT_FOR_EVIDENCE
                : NoticeMode.RECORD_AND_FLAG;
        Set<Direction> directions = random.nextInt(4) == 0
                ? Set.of(Direction.INBOUND, Direction.OUTBOUND)
                : Set.of(Direction.INBOUND, Direction.OUTBOUND, Direction.INTERNAL);
        return new Policy("Test Landlord", "1." + random.nextInt(3), LocalDate.of(2025, 2, 3),
                LocalDate.of(2028, 2, 3), ZoneId.of("Europe/London"),
                new LawfulBasisRule("5.1", "legitimate-interests", random.nextBoolean()),
                new RecordableCallsRule("3.2", "4.1",
                        Set.of("resident-services", "responsive-repairs", "reception"),
                        directions),
                new StopRecordingRule("3.3", Set.of("senior"), Set.of("hr"),
                        random.nextBoolean()),
                new NoticeRule("4.3", mode, random.nextInt(4) == 0 ? null
                        : "this-call-may-be-monitored-or-recorded",
                        Set.of("+442070000001"), random.nextBoolean()),
                new SensitiveInformationRule("4.4", random.nextInt(4) != 0),
                new ObjectionRule("4.4", random.nextBoolean()),
                new RetentionRule("4.2", Duration.ofDays(90), RetentionStart.CALL_END),
                new AccessRule("4.2", Set.of("manager"), true, Set.of()),
                List.of(new Purpose("training", "3.1", PurposeUse.TRAINING, false)),
                List.of());
    }

    private static void render(EngineAnswer answer, StringBuilder out) {
        Decision decision = answer.decision();
        render(decision, out);
        if (answer.closedSpan() != null) {
            RecordedSpan span = answer.closedSpan();
            out.append("  span ").append(span.callId()).append(' ').append(span.spanId())
                    .append(' ').append(span.startedAt()).append(' ').append(span.endedAt())
                    .append('\n');
        }
        if (answer.discardEarlierSpans()) {
            out.append("  discard earlier spans\n");
        }
        if (answer.endedCall() != null) {
            render(answer.endedCall(), out.append("  ended "));
        }
    }

    private static void render(Decision decision, StringBuilder out) {
        CallEvent event = decision.event();
        out.append(decision.callId()).append(' ').append(decision.at()).append(' ')
                .append(event.type()).append(' ').append(event.at()).append(' ')
                .append(decision.policyVersion()).append(' ').append(decision.commands())
                .append(' ').append(decision.clauses()).append(" | ").append(decision.reason())
                .append(" | ").append(decision.citation()).append('\n');
    }

    private static void render(CallRecord record, StringBuilder out) {
        out.append(record.callId()).append(' ').append(record.direction()).append(' ')
                .append(new TreeSet<>(record.teams())).append(' ')
                .append(new TreeSet<>(record.flags())).append(' ').append(record.lawfulBasis())
                .append(' ').append(record.policyVersion()).append(' ')
                .append(record.startedAt()).append(' ').append(record.endedAt()).append('\n');
        for (CallParty party : record.parties()) {
            out.append("    party ").append(party.role()).append(' ').append(party.address())
                    .append(' ').append(party.number()).append(' ').append(party.staffId())
                    .append('\n');
        }
        for (Evidence evidence : record.evidence()) {
            out.append("    evidence ").append(evidence.kind()).append(' ')
                    .append(evidence.at()).append(' ').append(evidence.staffId()).append(' ')
                    .append(evidence.detail()).append('\n');
        }
        for (DirectoryAnswer answer : record.directoryAnswers()) {
            out.append("    directory ").append(answer.address()).append(' ')
                    .append(answer.at()).append(' ')
                    .append(answer.member() == null ? null : answer.member().staffId())
                    .append('\n');
        }
        for (CallEvent event : record.events()) {
            out.append("    event ").append(event.type()).append(' ').append(event.at())
                    .append('\n');
        }
        for (Decision decision : record.decisions()) {
            render(decision, out.append("    decision "));
        }
    }

    private static String reference() throws IOException {
        try (InputStream in = DecisionGoldenTest.class
                .getResourceAsStream("/decision-golden.sha256")) {
            return in == null ? "(no decision-golden.sha256 on the class path)"
                    : new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }
}
