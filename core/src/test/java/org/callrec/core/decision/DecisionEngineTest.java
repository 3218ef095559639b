package org.callrec.core.decision;

import static org.callrec.core.decision.EngineFixtures.EXTERNAL;
import static org.callrec.spi.call.CommandType.PAUSE_RECORDING;
import static org.callrec.spi.call.CommandType.PLAY_NOTICE;
import static org.callrec.spi.call.CommandType.RESUME_RECORDING;
import static org.callrec.spi.call.CommandType.START_RECORDING;
import static org.callrec.spi.call.CommandType.STOP_RECORDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.callrec.core.policy.NoticeMode;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.TransferKind;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.PartyRole;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {
    private final DecisionEngine engine = EngineFixtures.engine();
    private final CallScript call = new CallScript(engine, "call-1");

    @Nested
    @DisplayName("3.2 recordable calls")
    class RecordableCalls {
        @Test
        void recordsAnInternalCallOfAListedTeamFromTheAnswer() {
            call.start("201", "202", Direction.INTERNAL);

            EngineAnswer answered = call.answer("202");

            assertEquals(List.of(START_RECORDING), types(answered));
            assertTrue(answered.decision().clauses().contains("3.2"));
        }

        @Test
        void neverRecordsACallThatNoListedTeamTouches() {
            call.start("206", "206b", Direction.INTERNAL);

            EngineAnswer answered = call.answer("206b");

            assertEquals(List.of(), types(answered));
            assertTrue(answered.decision().reason().contains("no member of a listed team"),
                    answered.decision().reason());
            assertEquals(List.of("3.2"), answered.decision().clauses());
        }

        @Test
        void startsRecordingWhenTransferredFromAnUnlistedTeamIntoAListedOne() {
            call.start("206", "206b", Direction.INTERNAL);
            call.answer("206b");

            EngineAnswer transferred = call.transfer("206b", "202", TransferKind.BLIND);

            assertEquals(List.of(START_RECORDING), types(transferred));
            assertTrue(transferred.decision().clauses().contains("3.2"));
        }

        @Test
        void doesNotRecordADirectionThePolicyLeavesOut() {
            var policy = EngineFixtures.policy();
            var outboundOnly = new org.callrec.core.policy.Policy(policy.organisation(),
                    policy.version(), policy.issued(), policy.reviewBy(), policy.timeZone(),
                    policy.lawfulBasis(), new org.callrec.core.policy.RecordableCallsRule("3.2",
                            "4.1", policy.recordableCalls().teams(),
                            java.util.Set.of(Direction.OUTBOUND)),
                    policy.stopRecording(), policy.notice(), policy.sensitiveInformation(),
                    policy.objection(), policy.retention(), policy.access(), policy.purposes(),
                    policy.statements());
            CallScript internal = new CallScript(new DecisionEngine(outboundOnly,
                    EngineFixtures.directory(), EngineFixtures.clock()), "c");
            internal.start("201", "202", Direction.INTERNAL);

            EngineAnswer answered = internal.answer("202");

            assertEquals(List.of(), types(answered));
            assertTrue(answered.decision().reason().contains("internal calls are not recorded"));
        }
    }

    @Nested
    @DisplayName("3.3 HR and senior staff")
    class HrAndSeniorStaff {
        @Test
        void stopsRecordingWhenBlindTransferredToHr() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer transferred = call.transfer("202", "203", TransferKind.BLIND);

            assertEquals(List.of(STOP_RECORDING), types(transferred));
            assertTrue(transferred.decision().clauses().contains("3.3"));
            assertTrue(transferred.decision().reason().startsWith("stopped:"));
            assertTrue(transferred.decision().reason().contains("a member of hr"));
            assertNotNull(transferred.closedSpan());
        }

        @Test
        void stopsRecordingWhenAttendedTransferredToSeniorStaff() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");
            call.consult("202", "205");

            EngineAnswer transferred = call.transfer("202", "205", TransferKind.ATTENDED);

            assertEquals(List.of(STOP_RECORDING), types(transferred));
            assertTrue(transferred.decision().reason().contains("role senior"));
        }

        @Test
        void stopsRecordingWhenHrJoinsAConference() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer joined = call.party(CallEventType.PARTY_JOINED, "203");

            assertEquals(List.of(STOP_RECORDING), types(joined));
            assertEquals("3.3", joined.decision().clauses().get(0));
        }

        @Test
        void stopsRecordingWhenHrPicksUpTheCall() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer picked = call.transfer(null, "203", TransferKind.PICKUP);

            assertEquals(List.of(STOP_RECORDING), types(picked));
        }

        @Test
        void neverRecordsADirectCallFromAListedTeamToHr() {
            call.start("202", "203", Direction.INTERNAL);

            EngineAnswer answered = call.answer("203");

            assertEquals(List.of(), types(answered));
            assertTrue(answered.decision().clauses().contains("3.3"));
        }

        @Test
        void doesNotRestartWhenTheCallComesBackFromHr() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");
            call.transfer("202", "203", TransferKind.BLIND);

            EngineAnswer back = call.transfer("203", "204", TransferKind.BLIND);

            assertEquals(List.of(), types(back));
            assertTrue(back.decision().reason().contains("does not restart"));
            assertEquals(List.of(START_RECORDING, STOP_RECORDING), call.commands());
        }

        @Test
        void restartsWhenThePolicyAllowsItAndHrHasLeft() {
            var engine = new DecisionEngine(
                    EngineFixtures.policy(NoticeMode.WAIT_FOR_EVIDENCE, true, true),
                    EngineFixtures.directory(), EngineFixtures.clock());
            CallScript restart = new CallScript(engine, "c");
            restart.start("201", "202", Direction.INTERNAL);
            restart.answer("202");
            restart.transfer("202", "203", TransferKind.BLIND);

            EngineAnswer back = restart.transfer("203", "204", TransferKind.BLIND);

            assertEquals(List.of(START_RECORDING), types(back));
        }

        @Test
        void neverRecordsAConsultationLegWithHr() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer consult = call.consult("202", "203");

            assertEquals(List.of(), types(consult));
            assertTrue(consult.decision().reason().contains("never recorded"));
            assertTrue(consult.decision().clauses().contains("3.3"));
        }
    }

    @Nested
    @DisplayName("4.1 internal and external parties")
    class Parties {
        @Test
        void classifiesStaffAsInternalAndOthersAsExternalWithTheirE164Number() {
            call.start("07700 900101", "202", Direction.INBOUND);
            call.answer("202");
            call.noticePlayed();

            CallRecord record = call.end().endedCall();

            List<CallParty> parties = record.parties();
            assertEquals(PartyRole.EXTERNAL, parties.get(0).role());
            assertEquals(EXTERNAL, parties.get(0).number());
            assertEquals(PartyRole.STAFF, parties.get(1).role());
            assertEquals("s202", parties.get(1).staffId());
            assertNull(parties.get(1).number());
        }
    }

    @Nested
    @DisplayName("4.2 retention deadline")
    class Retention {
        @Test
        void endsTheCallWithARecordWhoseEndIsTheDeadlineBase() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer ended = call.end();

            assertEquals(call.now(), ended.endedCall().endedAt());
            assertTrue(ended.decision().clauses().contains("4.2"));
            assertTrue(ended.decision().reason().contains("retention deadline "
                    + call.now().plus(Duration.ofDays(90))), ended.decision().reason());
            assertEquals(List.of(STOP_RECORDING), types(ended));
        }
    }

    @Nested
    @DisplayName("4.3 notice")
    class Notice {
        @Test
        void asksForTheNoticePromptOnAnInboundCall() {
            EngineAnswer started = call.start(EXTERNAL, "202", Direction.INBOUND);

            assertEquals(List.of(PLAY_NOTICE), types(started));
        }

        @Test
        void waitsForEvidenceOfNoticeBeforeRecordingAnExternalParty() {
            call.start(EXTERNAL, "202", Direction.INBOUND);

            EngineAnswer answered = call.answer("202");
            EngineAnswer played = call.noticePlayed();

            assertEquals(List.of(), types(answered));
            assertTrue(answered.decision().reason().contains("waiting for evidence"));
            assertEquals(List.of(START_RECORDING), types(played));
            assertTrue(played.decision().clauses().contains("4.3"));
        }

        @Test
        void recordsAndFlagsWhenThePolicySaysSo() {
            var engine = new DecisionEngine(
                    EngineFixtures.policy(NoticeMode.RECORD_AND_FLAG, false, true),
                    EngineFixtures.directory(), EngineFixtures.clock());
            CallScript flagged = new CallScript(engine, "c");
            flagged.start(EXTERNAL, "202", Direction.INBOUND);
            EngineAnswer answered = flagged.answer("202");

            CallRecord record = flagged.end().endedCall();

            assertEquals(List.of(START_RECORDING), types(answered));
            assertTrue(record.flags().contains("notice-missing"));
        }

        @Test
        void treatsAnAnnouncingRouteAsWeakerEvidence() {
            call.start(EXTERNAL, "+442070000001", Direction.INBOUND);

            EngineAnswer answered = call.answer("202");
            CallRecord record = call.end().endedCall();

            assertEquals(List.of(START_RECORDING), types(answered));
            assertTrue(record.flags().contains("notice-weak"));
            assertEquals("notice-route", record.evidence().get(0).kind());
        }

        @Test
        void acceptsStaffAttestationOnlyOnOutboundCalls() {
            call.start("202", EXTERNAL, Direction.OUTBOUND);
            call.answer(EXTERNAL);

            EngineAnswer attested = call.signal(CallEventType.NOTICE_ATTESTED);

            assertEquals(List.of(START_RECORDING), types(attested));
        }

        @Test
        void ignoresAttestationOnInboundCalls() {
            call.start(EXTERNAL, "202", Direction.INBOUND);
            call.answer("202");

            EngineAnswer attested = call.signal(CallEventType.NOTICE_ATTESTED);

            assertEquals(List.of(), types(attested));
            assertTrue(attested.decision().reason().contains("only on outbound"));
        }
    }

    @Nested
    @DisplayName("4.4 sensitive information, consent and objection")
    class SensitiveInformation {
        @Test
        void pausesOnSensitiveInformationAndResumesOnConsent() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer flagged = call.signal(CallEventType.SENSITIVE_FLAGGED);
            EngineAnswer reminded = call.signal(CallEventType.REMINDER_GIVEN);
            EngineAnswer consented = call.signal(CallEventType.CONSENT_GIVEN);

            assertEquals(List.of(PAUSE_RECORDING), types(flagged));
            assertEquals(List.of(), types(reminded));
            assertEquals(List.of(RESUME_RECORDING), types(consented));
            assertTrue(consented.decision().clauses().contains("4.4"));
        }

        @Test
        void stopsForTheRestOfTheCallWhenConsentIsRefused() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");
            call.signal(CallEventType.SENSITIVE_FLAGGED);

            EngineAnswer refused = call.signal(CallEventType.CONSENT_REFUSED);
            EngineAnswer later = call.transfer("202", "204", TransferKind.BLIND);

            assertEquals(List.of(STOP_RECORDING), types(refused));
            assertEquals(List.of(), types(later));
            assertTrue(later.decision().reason().contains("refused consent"));
        }

        @Test
        void stopsWhenConsentIsWithdrawnLater() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");
            call.signal(CallEventType.SENSITIVE_FLAGGED);
            call.signal(CallEventType.CONSENT_GIVEN);

            EngineAnswer withdrawn = call.signal(CallEventType.CONSENT_WITHDRAWN);

            assertEquals(List.of(STOP_RECORDING), types(withdrawn));
        }

        @Test
        void keepsTheEvidenceOfReminderAndConsentWithTheCall() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");
            call.signal(CallEventType.SENSITIVE_FLAGGED);
            call.signal(CallEventType.REMINDER_GIVEN);
            call.signal(CallEventType.CONSENT_GIVEN);

            CallRecord record = call.end().endedCall();

            assertEquals(List.of("sensitive-flagged", "reminder", "consent-given"),
                    record.evidence().stream().map(e -> e.kind()).toList());
            assertEquals("s202", record.evidence().get(2).staffId());
        }

        @Test
        void stopsOnObjectionAndKeepsEarlierRecordingFlagged() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer objected = call.signal(CallEventType.CALLER_OBJECTED);
            CallRecord record = call.end().endedCall();

            assertEquals(List.of(STOP_RECORDING), types(objected));
            assertFalse(objected.discardEarlierSpans());
            assertTrue(record.flags().contains("objected"));
        }

        @Test
        void asksToDiscardEarlierRecordingOnObjectionWhenThePolicySaysSo() {
            var engine = new DecisionEngine(
                    EngineFixtures.policy(NoticeMode.WAIT_FOR_EVIDENCE, false, false),
                    EngineFixtures.directory(), EngineFixtures.clock());
            CallScript discard = new CallScript(engine, "c");
            discard.start("201", "202", Direction.INTERNAL);
            discard.answer("202");

            EngineAnswer objected = discard.signal(CallEventType.CALLER_OBJECTED);

            assertTrue(objected.discardEarlierSpans());
            assertTrue(objected.decision().reason().contains("discarded"));
        }
    }

    @Nested
    @DisplayName("5.1 lawful basis, version and child flag")
    class LawfulBasis {
        @Test
        void recordsTheBasisAndPolicyVersionOnEveryCall() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            CallRecord record = call.end().endedCall();

            assertEquals("legitimate-interests", record.lawfulBasis());
            assertEquals("1.0", record.policyVersion());
            assertTrue(record.decisions().stream().allMatch(d -> d.policyVersion().equals("1.0")));
        }

        @Test
        void marksACallInvolvingAChildForTheBalancingTest() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer child = call.signal(CallEventType.CHILD_FLAGGED);
            CallRecord record = call.end().endedCall();

            assertTrue(child.decision().clauses().contains("5.1"));
            assertTrue(record.flags().containsAll(List.of("child", "child-balancing-test")));
        }
    }

    @Nested
    @DisplayName("hold, recorder failure and call end")
    class Lifecycle {
        @Test
        void pausesWhileOnHold() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer held = call.party(CallEventType.HOLD_STARTED, "202");
            EngineAnswer back = call.party(CallEventType.HOLD_ENDED, "202");

            assertEquals(List.of(PAUSE_RECORDING), types(held));
            assertEquals(List.of(RESUME_RECORDING), types(back));
        }

        @Test
        void closesTheSpanAndStartsANewOneWhenTheRecorderFails() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer failed = call.send(CallEvent.withDetail(CallEventType.RECORDER_FAILED,
                    "call-1", call.now().plusSeconds(1), "disk full"));

            assertEquals("call-1-s1", failed.closedSpan().spanId());
            assertEquals(List.of(START_RECORDING), types(failed));
            assertEquals("call-1-s2", failed.decision().commands().get(0).spanId());
        }

        @Test
        void marksACallWhoseEndWasInferred() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer ended = call.send(CallEvent.withDetail(CallEventType.CALL_ENDED,
                    "call-1", call.now().plusSeconds(1), "capture ended mid-call"));

            assertTrue(ended.endedCall().flags().contains("ended-unclean"));
            assertEquals(0, engine.liveCalls());
        }
    }

    @Nested
    @DisplayName("events that cannot be decided")
    class Ignored {
        @Test
        void ignoresAnEventForAnUnknownCallWithoutCreatingOne() {
            EngineAnswer answer = engine.decide(CallEvent.answered("nobody", null,
                    Party.of("202")));

            assertEquals(List.of(), answer.decision().commands());
            assertTrue(answer.decision().reason().startsWith("ignored: no live call"));
            assertEquals(0, engine.liveCalls());
        }

        @Test
        void ignoresLateEventsOfAnEndedCall() {
            call.start("201", "202", Direction.INTERNAL);
            call.end();

            EngineAnswer late = call.answer("202");
            EngineAnswer restart = call.start("201", "202", Direction.INTERNAL);

            assertTrue(late.decision().reason().startsWith("ignored"));
            assertTrue(restart.decision().reason().startsWith("ignored"));
            assertEquals(0, engine.liveCalls());
        }

        @Test
        void ignoresAnEventEarlierThanTheCallsLastOne() {
            call.start("201", "202", Direction.INTERNAL);
            call.answer("202");

            EngineAnswer early = engine.decide(CallEvent.ofParty(CallEventType.PARTY_JOINED,
                    "call-1", EngineFixtures.T0, Party.of("203")));

            assertTrue(early.decision().reason().contains("earlier than"));
            assertEquals(List.of(), early.decision().commands());
        }

        @Test
        void ignoresAnExactDuplicate() {
            call.start("201", "202", Direction.INTERNAL);
            CallEvent answer = CallEvent.answered("call-1", call.now().plusSeconds(1),
                    Party.of("202"));
            engine.decide(answer);

            EngineAnswer again = engine.decide(answer.from("elsewhere:9"));

            assertTrue(again.decision().reason().contains("duplicate"));
        }

        @Test
        void refusesAHostileCallIdWithAClearError() {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CallEvent.answered("../../etc", null, Party.of("202")));

            assertTrue(error.getMessage().contains("../../etc"));
            assertTrue(error.getMessage().contains("must be 1 to 96"));
        }

        @Test
        void stampsEventsWithoutATimeFromTheClock() {
            EngineAnswer started = engine.decide(CallEvent.started("c", null, Party.of("201"),
                    Party.of("202"), Direction.INTERNAL));

            assertEquals(EngineFixtures.T0, started.decision().at());
        }
    }

    @Test
    void decidesManyCallsFromManyThreadsWithoutMixingThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<CommandType>>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "call-" + i;
            boolean toHr = i % 2 == 0;
            results.add(pool.submit(() -> {
                CallScript script = new CallScript(engine, id);
                script.start("201", "202", Direction.INTERNAL);
                script.answer("202");
                script.transfer("202", toHr ? "203" : "204", TransferKind.BLIND);
                script.end();
                return script.commands();
            }));
        }

        for (int i = 0; i < results.size(); i++) {
            List<CommandType> commands = results.get(i).get();
            assertEquals(List.of(START_RECORDING, STOP_RECORDING), commands, "call-" + i);
        }
        pool.shutdown();
        assertEquals(0, engine.liveCalls());
    }

    private static List<CommandType> types(EngineAnswer answer) {
        return answer.decision().commands().stream().map(c -> c.type()).toList();
    }
}
