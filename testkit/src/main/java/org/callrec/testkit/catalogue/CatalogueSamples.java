package org.callrec.testkit.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
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
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.directory.StaffMember;
import org.callrec.spi.keys.WrappedKey;
import org.callrec.spi.storage.ObjectKey;

/**
 * Hand-built calls and recordings for catalogue conformance, with nanosecond instants and every
 * field and kind of event in use. The numbers are from Ofcom's range for drama.
 */
public final class CatalogueSamples {
    /** A caller's number: it must reach the database and never a log line. */
    public static final String CALLER_NUMBER = "+441632960123";
    /** The caller's channel address, which holds the number. */
    public static final String CALLER_ADDRESS = "PJSIP/trunk-" + CALLER_NUMBER;

    /** When the sample call starts. */
    public static final Instant START = Instant.parse("2025-03-04T10:15:30.123456789Z");

    private static final Party CALLER = Party.of(CALLER_ADDRESS);
    private static final Party AGENT = Party.of("PJSIP/2001");
    private static final Party HR = Party.of("PJSIP/3001");

    private CatalogueSamples() {
    }

    /** Returns the instant {@code nanos} nanoseconds after the sample start. */
    public static Instant at(long nanos) {
        return START.plusNanos(nanos);
    }

    /**
     * Returns a call record that uses every field: every kind of event, null and empty fields,
     * a decision with several commands and clauses, and directory answers with and without a
     * member.
     */
    public static CallRecord richCall(String callId) {
        List<CallEvent> events = everyKindOfEvent(callId);
        return new CallRecord(callId, Direction.INBOUND,
                Set.of("responsive-repairs", "income"),
                List.of(new CallParty(PartyRole.EXTERNAL, CALLER_ADDRESS, CALLER_NUMBER, null),
                        new CallParty(PartyRole.STAFF, "PJSIP/2001", null, "staff-2001"),
                        new CallParty(PartyRole.STAFF, "PJSIP/3001", "+441632960999", "hr-7")),
                List.of(new Evidence("notice-played", at(5), null, "prompt: recorded-line"),
                        new Evidence("reminder", at(7), "staff-2001", null),
                        new Evidence("consent-given", at(9), "staff-2001", "")),
                Set.of("notice-weak", "child", "objected"),
                "legitimate-interests", "2025-02-03",
                START, START.plus(Duration.ofMinutes(7)).plusNanos(1),
                List.of(decisionWithSeveralCommands(callId, events.get(0)),
                        new Decision(callId, at(99), events.get(events.size() - 1), List.of(),
                                "2025-02-03", List.of(), "call ended")),
                events,
                List.of(new DirectoryAnswer("PJSIP/2001", at(2), new StaffMember("staff-2001",
                                Set.of("responsive-repairs", "income"), Set.of("manager"))),
                        new DirectoryAnswer(CALLER_ADDRESS, at(3), null),
                        new DirectoryAnswer("PJSIP/3001", at(4),
                                new StaffMember("hr-7", Set.of(), Set.of()))));
    }

    /** Returns a call record with the least the record allows. */
    public static CallRecord bareCall(String callId, Instant startedAt) {
        return new CallRecord(callId, null, Set.of(), List.of(), List.of(), Set.of(),
                "legitimate-interests", "1", startedAt, null, List.of(), List.of(), List.of());
    }

    private static Decision decisionWithSeveralCommands(String callId, CallEvent event) {
        return new Decision(callId, at(1), event,
                List.of(new RecordingCommand(CommandType.PLAY_NOTICE, callId, null),
                        new RecordingCommand(CommandType.START_RECORDING, callId, "span-1"),
                        new RecordingCommand(CommandType.PAUSE_RECORDING, callId, "span-1"),
                        new RecordingCommand(CommandType.RESUME_RECORDING, callId, "span-1"),
                        new RecordingCommand(CommandType.STOP_RECORDING, callId, "span-1")),
                "2025-02-03", List.of("4.3", "3.2", "4.4"), "recording: inbound to a listed team");
    }

    /** One event of every {@link CallEventType}, using each field at least once. */
    public static List<CallEvent> everyKindOfEvent(String id) {
        return List.of(
                CallEvent.started(id, at(1), CALLER, AGENT, Direction.INBOUND).from("cap.ami:12"),
                CallEvent.withDetail(CallEventType.NOTICE_PLAYED, id, at(5), "recorded-line"),
                CallEvent.signal(CallEventType.NOTICE_ATTESTED, id, at(6), "staff-2001"),
                CallEvent.answered(id, at(10), AGENT),
                CallEvent.consultation(CallEventType.CONSULTATION_STARTED, id, at(20), AGENT, HR),
                CallEvent.consultation(CallEventType.CONSULTATION_ENDED, id, at(21), AGENT, HR),
                CallEvent.transferred(id, at(22), AGENT, HR, TransferKind.ATTENDED),
                CallEvent.transferred(id, at(23), null, AGENT, TransferKind.BLIND),
                CallEvent.ofParty(CallEventType.PARTY_JOINED, id, at(30), HR),
                CallEvent.ofParty(CallEventType.PARTY_LEFT, id, at(31), HR),
                CallEvent.signal(CallEventType.SENSITIVE_FLAGGED, id, at(40), "staff-2001"),
                CallEvent.signal(CallEventType.REMINDER_GIVEN, id, at(41), "staff-2001"),
                CallEvent.signal(CallEventType.CONSENT_GIVEN, id, at(42), "staff-2001"),
                CallEvent.signal(CallEventType.CONSENT_WITHDRAWN, id, at(43), "staff-2001"),
                CallEvent.signal(CallEventType.CONSENT_REFUSED, id, at(44), null),
                CallEvent.signal(CallEventType.CALLER_OBJECTED, id, at(45), "staff-2001"),
                CallEvent.signal(CallEventType.CHILD_FLAGGED, id, at(46), "staff-2001"),
                CallEvent.ofParty(CallEventType.HOLD_STARTED, id, at(50), AGENT),
                CallEvent.ofParty(CallEventType.HOLD_ENDED, id, at(51), AGENT),
                CallEvent.withDetail(CallEventType.SEGMENT_AVAILABLE, id, at(60), "/var/x.wav"),
                CallEvent.withDetail(CallEventType.RECORDER_FAILED, id, null, ""),
                new CallEvent(CallEventType.TRANSFERRED, id, at(70), AGENT, CALLER,
                        Direction.OUTBOUND, TransferKind.PICKUP, "staff-2001", "every field",
                        "cap.ami:99"),
                CallEvent.withDetail(CallEventType.CALL_ENDED, id, at(99), "capture ended")
                        .from("cap.ami:120"));
    }

    /** Returns a recording of a call with a wrapped key and no deadline. */
    public static RecordingEntry recording(String recordingId, String callId, Instant storedAt) {
        return new RecordingEntry(recordingId, callId, "span-1",
                ObjectKey.of("recordings/" + callId.toLowerCase() + "/" + recordingId),
                at(11), at(999_999_999_999L), 1_234_567, 1_240_000,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                new WrappedKey("kek-1", new byte[] {0, 1, 2, (byte) 0xff, 127, -128}),
                storedAt, null);
    }
}
