package org.callrec.asterisk;

import static org.callrec.asterisk.Replays.adapter;
import static org.callrec.asterisk.Replays.types;
import static org.callrec.spi.call.CallEventType.ANSWERED;
import static org.callrec.spi.call.CallEventType.CALL_ENDED;
import static org.callrec.spi.call.CallEventType.CALL_STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.telephony.MalformedEventException;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsteriskAdapterTest {
    private static final String QUEUE_CALL = "195176c06ab8-1529939196.518";
    private static final String QUEUE_TRUNK = "SIP/voipgrid-siproute-docker-00000025";

    @Nested
    class EndOfInput {
        @Test
        void captureThatEndsMidCallEndsTheCallSayingSo() throws IOException {
            String capture = realText("ab_success_a_hangup");
            String cut = capture.substring(0, capture.indexOf("Event: BridgeEnter"));

            List<CallEvent> events = Replays.text(cut);

            assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
            assertEquals("capture ended mid-call", events.get(2).detail());
        }

        @Test
        void malformedInputMidCallEndsTheOpenCallAtTheBadLineThenThrows() throws IOException {
            String capture = realText("ab_success_a_hangup");
            String broken = capture.substring(0, capture.indexOf("Event: BridgeEnter"))
                    + "Event: BridgeEnter\r\nno separator\r\n\r\n";
            List<CallEvent> events = new ArrayList<>();

            MalformedEventException e = assertThrows(MalformedEventException.class,
                    () -> adapter().read(stream(broken), "broken.ami", events::add));

            assertEquals(CALL_ENDED, events.get(events.size() - 1).type());
            assertEquals("input refused at line " + e.line() + "; call ended there",
                    events.get(events.size() - 1).detail());
            assertEquals("broken.ami:" + e.line(), events.get(events.size() - 1).source());
        }

        @Test
        void consultationWhoseChannelsHangUpWithoutATransferEndsTheConsultationOnly()
                throws IOException {
            // The real attended-transfer capture up to the transfer, then two hangups written
            // by hand: the agent and the consulted phone give up instead of transferring.
            String capture = realText("xfer_attended_abbcac");
            String abandoned = capture.substring(0, capture.indexOf("Event: AttendedTransfer"))
                    + "Event: Hangup\r\nChannel: SIP/150010002-0000002e\r\n\r\n"
                    + "Event: Hangup\r\nChannel: SIP/150010003-0000002f\r\n\r\n";

            List<CallEvent> events = Replays.text(abandoned);

            assertEquals(List.of(CALL_STARTED, ANSWERED, CallEventType.CONSULTATION_STARTED,
                    CallEventType.CONSULTATION_ENDED, CALL_ENDED), types(events));
            assertEquals("150010003", events.get(3).target().address());
            assertEquals("capture ended mid-call", events.get(4).detail());
        }

        @Test
        void oldestCallIsEndedWhenMoreCallsAreOpenThanAllowed() {
            TelephonyAdapter adapter = adapter(Map.of("max-live-calls", "1"));

            List<CallEvent> events = Replays.capture(adapter, "user_events");

            CallEvent first = events.stream().filter(e -> e.type() == CALL_ENDED).findFirst()
                    .orElseThrow();
            assertEquals("b6093874285e-1530278036.1196", first.callId());
            assertEquals("ended by the adapter: more than 1 calls open", first.detail());
        }

        @Test
        void panoramiskCaptureFromOldAsteriskIsReadWithoutErrorWhenItsLastLineIsAccepted()
                throws IOException {
            TelephonyAdapter adapter = adapter(Map.of(
                    AsteriskSettings.ACCEPT_UNTERMINATED_FINAL_LINE, "true"));

            List<CallEvent> events = panoramisk(adapter);

            // Limitation: pre-12 events are read but not mapped, so no call events come out.
            assertEquals(List.of(), events);
        }

        @Test
        void panoramiskCaptureIsRefusedAsTruncatedByDefaultBecauseItsLastLineHasNoEnd() {
            MalformedEventException e = assertThrows(MalformedEventException.class,
                    () -> panoramisk(adapter()));

            assertEquals(6360, e.line());
            assertTrue(e.getMessage().contains("truncated message"), e.getMessage());
        }

        private List<CallEvent> panoramisk(TelephonyAdapter adapter) throws IOException {
            try (InputStream input = Replays.resource(
                    "realdata/ami/panoramisk/originate_with_events.txt")) {
                return Replays.read(adapter, input, "originate_with_events.txt");
            }
        }
    }

    @Nested
    class Commands {
        @Test
        void startRecordingIsMixMonitorOnTheTrunkChannelWithTheSpanFile() throws IOException {
            String action = commandAt("queue_simple", ANSWERED, CommandType.START_RECORDING);

            assertEquals("Action: MixMonitor\r\n"
                    + "ActionID: callrec-" + QUEUE_CALL + "-1\r\n"
                    + "Channel: " + QUEUE_TRUNK + "\r\n"
                    + "File: callrec-span-1.wav\r\n\r\n", action);
        }

        @Test
        void pauseRecordingMutesBothDirections() throws IOException {
            String action = commandAt("queue_simple", ANSWERED, CommandType.PAUSE_RECORDING);

            assertTrue(action.startsWith("Action: MixMonitorMute\r\n"), action);
            assertTrue(action.contains("Channel: " + QUEUE_TRUNK + "\r\n"), action);
            assertTrue(action.contains("Direction: both\r\nState: 1\r\n"), action);
        }

        @Test
        void resumeRecordingUnmutes() throws IOException {
            String action = commandAt("queue_simple", ANSWERED, CommandType.RESUME_RECORDING);

            assertTrue(action.startsWith("Action: MixMonitorMute\r\n"), action);
            assertTrue(action.contains("State: 0\r\n"), action);
        }

        @Test
        void stopRecordingIsStopMixMonitorEvenWhileTheCallEnds() throws IOException {
            String action = commandAt("queue_simple", CALL_ENDED, CommandType.STOP_RECORDING);

            assertTrue(action.startsWith("Action: StopMixMonitor\r\n"), action);
            assertTrue(action.contains("Channel: " + QUEUE_TRUNK + "\r\n"), action);
        }

        @Test
        void playNoticeRedirectsTheCustomerChannelToTheNoticeContext() throws IOException {
            String action = commandAt("queue_simple", CALL_STARTED, CommandType.PLAY_NOTICE);

            assertTrue(action.startsWith("Action: Redirect\r\n"), action);
            assertTrue(action.contains("Channel: " + QUEUE_TRUNK + "\r\n"
                    + "Context: callrec-notice\r\nExten: s\r\nPriority: 1\r\n"), action);
        }

        @Test
        void internalCallIsRecordedOnTheCallersPhone() throws IOException {
            String action = commandAt("ab_success_a_hangup", ANSWERED,
                    CommandType.START_RECORDING);

            assertTrue(action.contains("Channel: SIP/150010001-00000004\r\n"), action);
        }

        @Test
        void whenTheCallerTransfersAwayRecordingFollowsThePartyWhoStays() throws IOException {
            String action = commandAt("xfer_attended_abacbc", CallEventType.TRANSFERRED,
                    CommandType.START_RECORDING);

            assertTrue(action.contains("Channel: SIP/150010002-"), action.replace("\r", ""));
        }

        @Test
        void commandForAnUnknownCallSaysNoChannelIsKnownInsteadOfThrowing() {
            String answer = adapter().execute(new RecordingCommand(CommandType.START_RECORDING,
                    "never-seen-1", "span-1"));

            assertEquals("no AMI action for START_RECORDING: no channel is known for call"
                    + " never-seen-1 (it has ended or was never seen)", answer);
        }

        @Test
        void commandAfterTheCallEndedSaysNoChannelIsKnown() {
            TelephonyAdapter adapter = adapter();
            Replays.capture(adapter, "queue_simple");

            String answer = adapter.execute(new RecordingCommand(CommandType.STOP_RECORDING,
                    QUEUE_CALL, "span-1"));

            assertTrue(answer.contains("no channel is known for call " + QUEUE_CALL), answer);
        }

        @Test
        void startRecordingWithASpanIdThatCouldLeaveTheSpoolIsNotWritten()
                throws IOException {
            String action = commandAt("queue_simple", ANSWERED, CommandType.START_RECORDING,
                    "../../etc/passwd");

            assertFalse(action.contains("Action:"), action);
            assertTrue(action.contains("span id is missing or not 1 to 96"), action);
        }

        private String commandAt(String capture, CallEventType when, CommandType command)
                throws IOException {
            return commandAt(capture, when, command, "span-1");
        }

        private String commandAt(String capture, CallEventType when, CommandType command,
                String spanId) throws IOException {
            TelephonyAdapter adapter = adapter();
            List<String> answers = new ArrayList<>();
            try (InputStream input = Replays.resource("realdata/ami/raw/" + capture + ".ami")) {
                adapter.read(input, capture, event -> {
                    if (event.type() == when && answers.isEmpty()) {
                        answers.add(adapter.execute(
                                new RecordingCommand(command, event.callId(), spanId)));
                    }
                });
            }
            return answers.get(0);
        }
    }

    @Nested
    class SpanAudio {
        @Test
        void replayGivesTheReplayAudioForAnySpanAndNeverDeletesIt(@TempDir Path folder)
                throws IOException {
            Path audio = Files.write(folder.resolve("source.wav"), new byte[] {1, 2, 3});
            TelephonyAdapter adapter = adapter(Map.of("replay-audio", audio.toString()));

            Optional<Path> found = adapter.spanAudio("call-1", "span-7");
            String note = adapter.releaseSpanAudio("call-1", "span-7");

            assertEquals(Optional.of(audio), found);
            assertEquals("replay: source audio source.wav left in place, not deleted", note);
            assertTrue(Files.exists(audio));
        }

        @Test
        void liveModeGivesTheSpoolFileMixMonitorWroteAndDeletesItOnRelease(
                @TempDir Path spool) throws IOException {
            Path written = Files.write(spool.resolve("callrec-span-7.wav"), new byte[] {1});
            TelephonyAdapter adapter = adapter(Map.of("spool-dir", spool.toString()));

            Optional<Path> found = adapter.spanAudio("call-1", "span-7");
            String note = adapter.releaseSpanAudio("call-1", "span-7");

            assertEquals(Optional.of(written), found);
            assertEquals("deleted spool file callrec-span-7.wav", note);
            assertFalse(Files.exists(written));
        }

        @Test
        void liveModeFindsNoAudioForASpanMixMonitorDidNotWrite(@TempDir Path spool) {
            TelephonyAdapter adapter = adapter(Map.of("spool-dir", spool.toString()));

            assertEquals(Optional.empty(), adapter.spanAudio("call-1", "span-8"));
        }

        @Test
        void hostileSpanIdNeverReachesOutsideTheSpool(@TempDir Path spool) throws IOException {
            Path outside = Files.write(spool.resolveSibling("callrec-x.wav"), new byte[] {1});
            TelephonyAdapter adapter = adapter(Map.of("spool-dir", spool.toString()));

            Optional<Path> found = adapter.spanAudio("call-1", "../callrec-x");
            String note = adapter.releaseSpanAudio("call-1", "../callrec-x");

            assertEquals(Optional.empty(), found);
            assertTrue(note.contains("nothing deleted"), note);
            assertTrue(Files.exists(outside));
            Files.delete(outside);
        }
    }

    private static String realText(String name) throws IOException {
        try (InputStream input = Replays.resource("realdata/ami/raw/" + name + ".ami")) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
