package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.callrec.core.recorder.TimelineEntry;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.PartyRole;
import org.callrec.spi.catalogue.RecordingEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each clause of the shipped policy applied to real Asterisk captures, end to end: the Asterisk
 * adapter, the decision engine, the vault on the local disk and the H2 catalogue.
 */
class CaptureClauseTest {
    private static final String PLAIN = "/callrec/demo/ami/ab_success_a_hangup.ami";
    private static final String ATTENDED = "/callrec/demo/ami/xfer_attended_abbcac.ami";
    private static final String BLIND = "/realdata/ami/xfer_blind_abbcac.ami";
    private static final String QUEUE = "/realdata/ami/queue_simple.ami";
    private static final String PICKUP = "/realdata/ami/star_pickup.ami";

    @TempDir
    Path folder;

    private Workspace workspace;
    private DemoInputs inputs;
    private CaptureReplay replay;

    @BeforeEach
    void openWorkspace() throws IOException {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-03-02T09:00:00Z"));
        inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        workspace = Workspace.open(folder.resolve("data"), clock);
        replay = new CaptureReplay(workspace, clock, folder.resolve("inputs"));
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Nested
    @DisplayName("3.2 recordable calls")
    class RecordableCalls {
        @Test
        void recordsAPlainCallBetweenListedTeamsFromTheAnswer() throws IOException {
            List<TimelineEntry> timeline = replay.run(PLAIN, inputs.directoryWithRepairs(),
                    inputs.policy());

            Decision answered = decisionOn(timeline, CallEventType.ANSWERED);
            assertEquals(List.of(CommandType.START_RECORDING), commands(answered));
            assertTrue(answered.clauses().contains("3.2"));
            assertEquals(1, workspace.catalogue().recordings().size());
        }

        @Test
        void neverRecordsTheSameCallWhenNoListedTeamTakesPart() throws IOException {
            List<TimelineEntry> timeline = replay.run(PLAIN, directory("directory-unlisted.yaml"),
                    inputs.policy());

            Decision answered = decisionOn(timeline, CallEventType.ANSWERED);
            assertEquals(List.of(), commands(answered));
            assertEquals(List.of("3.2"), answered.clauses());
            assertEquals(List.of(), workspace.catalogue().recordings());
        }
    }

    @Nested
    @DisplayName("3.3 HR and senior staff")
    class HrAndSeniorStaff {
        @Test
        void stopsAtTheAttendedTransferToHr() throws IOException {
            List<TimelineEntry> timeline = replay.run(ATTENDED, inputs.directoryWithHr(),
                    inputs.policy());

            Decision transfer = decisionOn(timeline, CallEventType.TRANSFERRED);
            assertEquals(List.of(CommandType.STOP_RECORDING), commands(transfer));
            assertEquals(List.of("3.3"), transfer.clauses());
            assertTrue(transfer.reason().contains("a member of hr"), transfer.reason());
            Decision consultation = decisionOn(timeline, CallEventType.CONSULTATION_STARTED);
            assertTrue(consultation.reason().contains("never recorded"));
        }

        @Test
        void keepsRecordingAnAttendedTransferToARepairsAgent() throws IOException {
            List<TimelineEntry> timeline = replay.run(ATTENDED, inputs.directoryWithRepairs(),
                    inputs.policy());

            Decision transfer = decisionOn(timeline, CallEventType.TRANSFERRED);
            assertEquals(List.of(), commands(transfer));
            assertTrue(transfer.reason().startsWith("recording:"), transfer.reason());
            Decision ended = decisionOn(timeline, CallEventType.CALL_ENDED);
            assertEquals(List.of(CommandType.STOP_RECORDING), commands(ended));
        }

        @Test
        void stopsAtTheBlindTransferToHr() throws IOException {
            List<TimelineEntry> timeline = replay.run(BLIND, inputs.directoryWithHr(),
                    inputs.policy());

            Decision transfer = decisionOn(timeline, CallEventType.TRANSFERRED);
            assertEquals(List.of(CommandType.STOP_RECORDING), commands(transfer));
            assertTrue(transfer.clauses().contains("3.3"));
        }

        @Test
        void neverRecordsACallPickedUpByHr() throws IOException {
            List<TimelineEntry> timeline = replay.run(PICKUP, inputs.directoryWithHr(),
                    inputs.policy());

            assertTrue(timeline.stream().allMatch(e -> e.decision().commands().isEmpty()));
            Decision pickup = decisionOn(timeline, CallEventType.TRANSFERRED);
            assertTrue(pickup.clauses().contains("3.3"), pickup.citation());
        }

        @Test
        void neverRecordsADirectCallFromAListedTeamToHr() throws IOException {
            List<TimelineEntry> timeline = replay.run(PLAIN, directory("directory-202-hr.yaml"),
                    inputs.policy());

            Decision answered = decisionOn(timeline, CallEventType.ANSWERED);
            assertEquals(List.of(), commands(answered));
            assertTrue(answered.clauses().contains("3.3"), answered.citation());
            assertEquals(List.of(), workspace.catalogue().recordings());
        }
    }

    @Nested
    @DisplayName("4.1 parties inside and outside the organisation")
    class Parties {
        @Test
        void classifiesTheQueueCallerAsExternalAndTheAgentAsStaff() throws IOException {
            replay.run(QUEUE, inputs.directoryWithRepairs(), inputs.policy());

            CallRecord call = workspace.catalogue().calls().get(0);
            CallParty caller = call.parties().get(0);
            assertEquals(PartyRole.EXTERNAL, caller.role());
            assertEquals("+447700900101", caller.number());
            assertTrue(call.parties().stream().anyMatch(p -> p.role() == PartyRole.STAFF
                    && "agent-202".equals(p.staffId())));
        }
    }

    @Nested
    @DisplayName("4.2 retention deadline")
    class Retention {
        @Test
        void setsTheDeadlineExactlyNinetyDaysAfterTheCallEnded() throws IOException {
            replay.run(PLAIN, inputs.directoryWithRepairs(), inputs.policy());

            CallRecord call = workspace.catalogue().calls().get(0);
            RecordingEntry recording = workspace.catalogue().recordings().get(0);
            assertEquals(call.endedAt().plus(Duration.ofDays(90)),
                    recording.retentionDeadline());
            assertEquals(Optional.of(recording.retentionDeadline()),
                    workspace.catalogue().retentionDeadline(call.callId()));
        }

        @Test
        void countsTheDeadlineFromThePolicyFilesPeriod() throws IOException {
            Path shorter = replay.policyWith("period: P90D", "period: P30D");

            replay.run(PLAIN, inputs.directoryWithRepairs(), shorter);

            CallRecord call = workspace.catalogue().calls().get(0);
            assertEquals(call.endedAt().plus(Duration.ofDays(30)),
                    workspace.catalogue().recordings().get(0).retentionDeadline());
        }
    }

    @Nested
    @DisplayName("4.3 notice")
    class Notice {
        @Test
        void asksForTheNoticeAndWaitsForEvidenceBeforeRecordingAnExternalCaller()
                throws IOException {
            List<TimelineEntry> timeline = replay.run(QUEUE, inputs.directoryWithRepairs(),
                    inputs.policy());

            Decision started = decisionOn(timeline, CallEventType.CALL_STARTED);
            Decision answered = decisionOn(timeline, CallEventType.ANSWERED);
            assertEquals(List.of(CommandType.PLAY_NOTICE), commands(started));
            assertEquals(List.of(), commands(answered));
            assertEquals(List.of("4.3"), answered.clauses());
            assertTrue(answered.reason().contains("waiting for evidence"));
            assertEquals(List.of(), workspace.catalogue().recordings());
        }

        @Test
        void recordsAndFlagsTheSameCallWhenThePolicyGoesAheadWithoutEvidence()
                throws IOException {
            Path flagging = replay.policyWith("mode: wait-for-evidence", "mode: record-and-flag");

            replay.run(QUEUE, inputs.directoryWithRepairs(), flagging);

            CallRecord call = workspace.catalogue().calls().get(0);
            assertTrue(call.flags().contains("notice-missing"));
            assertEquals(1, workspace.catalogue().recordings().size());
        }
    }

    @Nested
    @DisplayName("5.1 lawful basis and policy version")
    class LawfulBasis {
        @Test
        void keepsTheBasisAndVersionWithEveryCallAndDecision() throws IOException {
            replay.run(ATTENDED, inputs.directoryWithHr(), inputs.policy());

            CallRecord call = workspace.catalogue().calls().get(0);
            assertEquals("legitimate-interests", call.lawfulBasis());
            assertEquals("1.0", call.policyVersion());
            assertFalse(call.decisions().isEmpty());
            assertTrue(call.decisions().stream().allMatch(d -> "1.0".equals(d.policyVersion())));
            assertEquals(call.decisions().size(), call.events().size());
        }

        @Test
        void recordsTheVersionThePolicyFileStates() throws IOException {
            Path next = replay.policyWith("version: \"1.0\"", "version: \"1.1\"");

            replay.run(PLAIN, inputs.directoryWithRepairs(), next);

            assertEquals("1.1", workspace.catalogue().calls().get(0).policyVersion());
        }
    }

    @Test
    void keepsTheRecordingOfALiveCallWithoutADeadlineUntilTheCallEnds() throws IOException {
        List<TimelineEntry> timeline = replay.run(ATTENDED, inputs.directoryWithHr(),
                inputs.policy());

        TimelineEntry stop = timeline.stream()
                .filter(e -> e.decision().event().type() == CallEventType.TRANSFERRED)
                .findFirst().orElseThrow();
        assertNull(stop.stored().get(0).retentionDeadline());
        assertTrue(workspace.catalogue().recordings().get(0).retentionDeadline() != null);
    }

    private Path directory(String name) {
        return Path.of("src/test/resources/directories").resolve(name);
    }

    private static Decision decisionOn(List<TimelineEntry> timeline, CallEventType type) {
        return timeline.stream().map(TimelineEntry::decision)
                .filter(d -> d.event().type() == type)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in the timeline"));
    }

    private static List<CommandType> commands(Decision decision) {
        return decision.commands().stream().map(c -> c.type()).toList();
    }
}
