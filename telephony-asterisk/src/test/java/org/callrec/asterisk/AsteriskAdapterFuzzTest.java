package org.callrec.asterisk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.telephony.MalformedEventException;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.junit.jupiter.api.Test;
import org.callrec.testkit.fuzz.FuzzRuns;

/**
 * Well-formed AMI messages with hostile content (the events the adapter follows, with fields
 * drawn from small pools so that channels, ids and bridges collide, or from arbitrary text)
 * either become neutral call events or are refused with a {@link MalformedEventException}
 * naming a line; no other exception escapes the adapter, whatever order the events come in.
 */
class AsteriskAdapterFuzzTest {
    private static final String[] EVENTS = {"Newchannel", "DialBegin", "DialEnd",
        "BridgeEnter", "BridgeLeave", "BlindTransfer", "AttendedTransfer", "Hangup", "Hold",
        "Unhold", "MixMonitorStart", "UserEvent", "Masquerade", "Rename", "Link"};

    @Test
    void hostileEventSequencesGiveCallEventsOrARefusalNamingALine() {
        FuzzRuns.forAll(400, AsteriskAdapterFuzzTest::messages, text -> {
            TelephonyAdapter adapter = Replays.adapter();
            List<CallEvent> events = new ArrayList<>();

            IOException failure = null;
            try {
                adapter.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        "fuzz.ami", events::add);
            } catch (IOException e) {
                failure = e;
            }

            if (failure != null) {
                assertTrue(failure instanceof MalformedEventException, failure.toString());
                assertTrue(((MalformedEventException) failure).line() >= 1,
                        failure.getMessage());
            }
            for (CallEvent event : events) {
                assertTrue(event.callId() != null && event.type() != null, event.toString());
            }
        });
    }

    private static String messages(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int messages = random.nextInt(40);
        for (int m = 0; m < messages; m++) {
            text.append("Event: ").append(FuzzRuns.oneOf(random, EVENTS)).append("\r\n");
            int fields = random.nextInt(12);
            for (int f = 0; f < fields; f++) {
                text.append(field(random)).append("\r\n");
            }
            text.append("\r\n");
        }
        return text.toString();
    }

    private static String field(SplittableRandom random) {
        String free = FuzzRuns.anyString(random, 24).replace('\r', ' ').replace('\n', ' ');
        boolean pooled = random.nextInt(4) != 0;
        switch (random.nextInt(5)) {
            case 0:
                return FuzzRuns.oneOf(random, "Channel", "DestChannel", "TransfererChannel",
                        "TransfereeChannel", "OrigTransfererChannel", "SecondTransfererChannel")
                        + ": " + (pooled ? FuzzRuns.oneOf(random, "SIP/201-00000001",
                        "SIP/202-00000002", "SIP/203-00000003", "PJSIP/trunk-00000004",
                        "Local/203@default-00000005;1", "Local/203@default-00000005;2", "")
                        : free);
            case 1:
                return FuzzRuns.oneOf(random, "Uniqueid", "Linkedid", "DestLinkedid",
                        "BridgeUniqueid", "DestUniqueid") + ": " + (pooled
                        ? FuzzRuns.oneOf(random, "host-1.1", "host-1.2", "host-1.3", "") : free);
            case 2:
                return FuzzRuns.oneOf(random, "CallerIDNum", "DestCallerIDNum",
                        "ConnectedLineNum", "Exten", "StaffId") + ": " + (pooled
                        ? FuzzRuns.oneOf(random, "201", "202", "203", "+447700900101",
                        "07700900102", "<unknown>", "") : free);
            case 3:
                return "Timestamp: " + (pooled ? FuzzRuns.oneOf(random, "1529998985.130000",
                        "1529998986.5", "1529998987", "-1", "9999999999999999999.1", "1e9")
                        : free);
            default:
                return FuzzRuns.oneOf(random, "DialStatus", "Result", "UserEvent", "Signal",
                        "Prompt", "TransferType", "Context") + ": " + (pooled
                        ? FuzzRuns.oneOf(random, "ANSWER", "BUSY", "Success", "Fail", "Callrec",
                        "sensitive", "consent", "refused", "objection", "reminder", "child",
                        "Bridge") : free);
        }
    }
}
