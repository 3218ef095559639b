package org.callrec.asterisk;

import static org.callrec.asterisk.Replays.only;
import static org.callrec.asterisk.Replays.text;
import static org.callrec.asterisk.Replays.types;
import static org.callrec.spi.call.CallEventType.ANSWERED;
import static org.callrec.spi.call.CallEventType.CALL_ENDED;
import static org.callrec.spi.call.CallEventType.CALL_STARTED;
import static org.callrec.spi.call.CallEventType.HOLD_ENDED;
import static org.callrec.spi.call.CallEventType.HOLD_STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.telephony.MalformedEventException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Events that the real captures lack (Timestamp, Hold/Unhold, MixMonitor events, a phone
 * entering the call's bridge undialled, and the Callrec UserEvent signals), in small inputs
 * written from the Asterisk AMI documentation (the event syntax of Asterisk 12 and later), not
 * captured from a running system. The numbers are from the Ofcom drama range.
 */
@DisplayName("written from the Asterisk AMI documentation, not a capture")
class WrittenFromDocumentationTest {
    private static final String TRUNK = "SIP/voipgrid-siproute-docker-00000001";
    private static final String AGENT = "SIP/150010002-00000002";
    private static final String LINKED_ID = "pbx1-1740823200.1";

    /** An inbound call from the trunk straight to 202's phone, answered. */
    private static final String ANSWERED_CALL = ""
            + "Event: DialBegin\r\n"
            + "Timestamp: 1740823200.250000\r\n"
            + "Channel: " + TRUNK + "\r\n"
            + "CallerIDNum: +447700900123\r\n"
            + "Linkedid: " + LINKED_ID + "\r\n"
            + "DestChannel: " + AGENT + "\r\n"
            + "DestCallerIDNum: 202\r\n"
            + "DestLinkedid: " + LINKED_ID + "\r\n"
            + "\r\n"
            + "Event: DialEnd\r\n"
            + "Channel: " + TRUNK + "\r\n"
            + "Linkedid: " + LINKED_ID + "\r\n"
            + "DestChannel: " + AGENT + "\r\n"
            + "DialStatus: ANSWER\r\n"
            + "\r\n";

    private static final String HANG_UP_BOTH = ""
            + "Event: Hangup\r\nChannel: " + AGENT + "\r\nCause: 16\r\n\r\n"
            + "Event: Hangup\r\nChannel: " + TRUNK + "\r\nCause: 16\r\n\r\n";

    @Test
    void timestampFieldBecomesTheEventTimeToTheMicrosecond() throws IOException {
        List<CallEvent> events = text(ANSWERED_CALL + HANG_UP_BOTH);

        assertEquals(Instant.parse("2025-03-01T10:00:00.250Z"), events.get(0).at());
        assertEquals(Direction.INBOUND, events.get(0).direction());
    }

    @Test
    void eventWithoutTimestampHasNoTimeEvenAfterOneThatHadIt() throws IOException {
        List<CallEvent> events = text(ANSWERED_CALL + HANG_UP_BOTH);

        assertNull(only(events, ANSWERED).at(), "the caller stamps it from its clock");
    }

    @Test
    void refusesATimestampThatIsNotEpochSecondsNamingTheLine() {
        String text = ANSWERED_CALL.replace("1740823200.250000", "yesterday");

        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> text(text));

        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("Timestamp 'yesterday' is not epoch seconds"),
                e.getMessage());
    }

    @Test
    void holdAndUnholdOfTheAgentsChannelAreHoldStartedAndEndedByTheAgent() throws IOException {
        String hold = "Event: Hold\r\nChannel: " + AGENT + "\r\nLinkedid: " + LINKED_ID
                + "\r\nMusicClass: default\r\n\r\n"
                + "Event: Unhold\r\nChannel: " + AGENT + "\r\nLinkedid: " + LINKED_ID
                + "\r\n\r\n";

        List<CallEvent> events = text(ANSWERED_CALL + hold + HANG_UP_BOTH);

        assertEquals(List.of(CALL_STARTED, ANSWERED, HOLD_STARTED, HOLD_ENDED, CALL_ENDED),
                types(events));
        assertEquals("150010002", events.get(2).party().address());
        assertEquals("150010002", events.get(3).party().address());
    }

    @Test
    void mixMonitorEventsAreNotedWithoutChangingTheCall() throws IOException {
        String monitor = ""
                + "Event: MixMonitorStart\r\nChannel: " + TRUNK + "\r\n\r\n"
                + "Event: MixMonitorMute\r\nChannel: " + TRUNK + "\r\nDirection: both\r\n"
                + "State: 1\r\n\r\n"
                + "Event: MixMonitorStop\r\nChannel: " + TRUNK + "\r\n\r\n";

        List<CallEvent> events = text(ANSWERED_CALL + monitor + HANG_UP_BOTH);

        assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
    }

    @ParameterizedTest(name = "Signal: {0} is {1}")
    @CsvSource({
        "sensitive, SENSITIVE_FLAGGED",
        "reminder, REMINDER_GIVEN",
        "consent-given, CONSENT_GIVEN",
        "consent-refused, CONSENT_REFUSED",
        "consent-withdrawn, CONSENT_WITHDRAWN",
        "objection, CALLER_OBJECTED",
        "child, CHILD_FLAGGED",
        "notice-attested, NOTICE_ATTESTED"
    })
    void callrecUserEventSignalBecomesItsEventWithTheStaffId(String signal, CallEventType type)
            throws IOException {
        List<CallEvent> events = text(ANSWERED_CALL + callrec(AGENT, signal) + HANG_UP_BOTH);

        CallEvent flagged = only(events, type);
        assertEquals("staff-0042", flagged.staffId());
        assertEquals(LINKED_ID, flagged.callId());
    }

    @Test
    void recorderFailedSignalIsRecorderFailedSaidToComeFromTheSignal() throws IOException {
        List<CallEvent> events = text(ANSWERED_CALL + callrec(TRUNK, "recorder-failed")
                + HANG_UP_BOTH);

        CallEvent failed = only(events, CallEventType.RECORDER_FAILED);
        assertEquals("recorder-failed signal", failed.detail());
        assertEquals(LINKED_ID, failed.callId());
    }

    @Test
    void phoneEnteringTheCallsBridgeWithoutBeingDialledJoinsTheCall() throws IOException {
        String conference = bridgeEnter(TRUNK) + bridgeEnter(AGENT)
                + bridgeEnter("SIP/150010003-00000003")
                + "Event: Hangup\r\nChannel: SIP/150010003-00000003\r\nCause: 16\r\n\r\n";

        List<CallEvent> events = text(ANSWERED_CALL + conference + HANG_UP_BOTH);

        assertEquals(List.of(CALL_STARTED, ANSWERED, CallEventType.PARTY_JOINED, CALL_ENDED),
                types(events));
        assertEquals("150010003", events.get(2).party().address());
    }

    @Test
    void phoneOfTheCallEnteringItsBridgeIsNoNewParty() throws IOException {
        String bridged = bridgeEnter(TRUNK) + bridgeEnter(AGENT);

        List<CallEvent> events = text(ANSWERED_CALL + bridged + HANG_UP_BOTH);

        assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
    }

    @Test
    void noticePlayedSignalNamesThePromptThatPlayed() throws IOException {
        String played = callrec(TRUNK, "notice-played")
                .replace("\r\n\r\n", "\r\nPrompt: this-call-may-be-monitored-or-recorded\r\n\r\n");

        List<CallEvent> events = text(ANSWERED_CALL + played + HANG_UP_BOTH);

        assertEquals("this-call-may-be-monitored-or-recorded",
                only(events, CallEventType.NOTICE_PLAYED).detail());
    }

    @Test
    void callrecSignalFromAnUntrackedChannelIsFoundByItsLinkedId() throws IOException {
        String signal = callrec("Local/notice@callrec-notice-00000009;2", "consent-given")
                .replace("Channel:", "Linkedid: " + LINKED_ID + "\r\nChannel:");

        List<CallEvent> events = text(ANSWERED_CALL + signal + HANG_UP_BOTH);

        assertEquals(LINKED_ID, only(events, CallEventType.CONSENT_GIVEN).callId());
    }

    @Test
    void unknownSignalAndSignalForNoOpenCallAreSkippedWithoutStoppingTheRead()
            throws IOException {
        String odd = callrec(AGENT, "launch-rockets") + callrec("SIP/999-00000009", "sensitive");

        List<CallEvent> events = text(ANSWERED_CALL + odd + HANG_UP_BOTH);

        assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
    }

    @Test
    void userEventsOtherThanCallrecAreIgnored() throws IOException {
        String other = callrec(AGENT, "sensitive").replace("UserEvent: Callrec",
                "UserEvent: NotifyCallstate");

        List<CallEvent> events = text(ANSWERED_CALL + other + HANG_UP_BOTH);

        assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
    }

    private static String bridgeEnter(String channel) {
        return "Event: BridgeEnter\r\n"
                + "Channel: " + channel + "\r\n"
                + "BridgeUniqueid: 5f1c0de4-0000-4000-8000-000000000001\r\n"
                + "BridgeTechnology: softmix\r\n"
                + "\r\n";
    }

    private static String callrec(String channel, String signal) {
        return "Event: UserEvent\r\n"
                + "Privilege: user,all\r\n"
                + "Channel: " + channel + "\r\n"
                + "UserEvent: Callrec\r\n"
                + "Signal: " + signal + "\r\n"
                + "StaffId: staff-0042\r\n"
                + "\r\n";
    }
}
