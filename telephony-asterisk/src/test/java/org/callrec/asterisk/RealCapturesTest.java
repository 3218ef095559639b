package org.callrec.asterisk;

import static org.callrec.asterisk.Replays.callIds;
import static org.callrec.asterisk.Replays.capture;
import static org.callrec.asterisk.Replays.only;
import static org.callrec.asterisk.Replays.types;
import static org.callrec.spi.call.CallEventType.ANSWERED;
import static org.callrec.spi.call.CallEventType.CALL_ENDED;
import static org.callrec.spi.call.CallEventType.CALL_STARTED;
import static org.callrec.spi.call.CallEventType.CONSULTATION_STARTED;
import static org.callrec.spi.call.CallEventType.TRANSFERRED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.TransferKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The neutral events of each real capture (cacofonisk, Asterisk 12+). In these captures
 * {@code 150010001}, {@code 150010002} and {@code 150010003} are the phones of extensions 201,
 * 202 and 203, and {@code SIP/voipgrid-siproute-docker-...} is the trunk.
 */
class RealCapturesTest {
    static final String PHONE_201 = "150010001";
    static final String PHONE_202 = "150010002";
    static final String PHONE_203 = "150010003";

    @Nested
    @DisplayName("simple calls")
    class Simple {
        @Test
        void internalCallAnsweredAndEndedByTheCallerIsOneCallFrom201To202() {
            List<CallEvent> events = capture("ab_success_a_hangup");

            assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
            assertEquals(Set.of("195176c06ab8-1529936170.42"), callIds(events));
            CallEvent started = events.get(0);
            assertAll(
                    () -> assertEquals(PHONE_201, started.party().address()),
                    () -> assertEquals(PHONE_202, started.target().address()),
                    () -> assertEquals(Direction.INTERNAL, started.direction()),
                    () -> assertEquals(PHONE_202, events.get(1).party().address()),
                    () -> assertNull(events.get(2).detail(), "a call that hung up normally"));
        }

        @Test
        void internalCallEndedByTheCalledPartyEndsOnlyWhenTheLastChannelHangsUp() {
            List<CallEvent> events = capture("ab_success_b_hangup");

            assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
            assertEquals(1, callIds(events).size());
            assertEquals("ab_success_b_hangup.ami:933", events.get(2).source(),
                    "the last Hangup of the capture starts at line 933");
        }

        @Test
        void callCancelledWhileRingingStartsAndEndsWithoutAnAnswer() {
            List<CallEvent> events = capture("ab_a_cancel");

            assertEquals(List.of(CALL_STARTED, CALL_ENDED), types(events));
            assertEquals(PHONE_202, events.get(0).target().address());
        }

        @Test
        void rejectedCallStartsAndEndsWithoutAnAnswer() {
            List<CallEvent> events = capture("ab_reject");

            assertEquals(List.of(CALL_STARTED, CALL_ENDED), types(events));
            assertEquals(Direction.INTERNAL, events.get(0).direction());
        }

        @Test
        void eventsCarryNoTimeBecauseTheCapturesHaveNoTimestamps() {
            List<CallEvent> events = capture("ab_success_a_hangup");

            assertTrue(events.stream().allMatch(e -> e.at() == null), Replays.describe(events));
        }
    }

    @Nested
    @DisplayName("blind transfers")
    class BlindTransfers {
        @Test
        void calledPartyBlindTransfersTheCallerTo203() {
            List<CallEvent> events = capture("xfer_blind_abbcac");

            assertEquals(List.of(CALL_STARTED, ANSWERED, TRANSFERRED, CALL_ENDED),
                    types(events));
            assertEquals(1, callIds(events).size());
            CallEvent transfer = only(events, TRANSFERRED);
            assertAll(
                    () -> assertEquals(TransferKind.BLIND, transfer.transferKind()),
                    () -> assertEquals(PHONE_202, transfer.party().address()),
                    () -> assertEquals(PHONE_203, transfer.target().address()));
        }

        @Test
        void callerBlindTransfersTheCalledPartyTo203() {
            List<CallEvent> events = capture("xfer_blind_abacbc");

            assertEquals(List.of(CALL_STARTED, ANSWERED, TRANSFERRED, CALL_ENDED),
                    types(events));
            CallEvent transfer = only(events, TRANSFERRED);
            assertAll(
                    () -> assertEquals(TransferKind.BLIND, transfer.transferKind()),
                    () -> assertEquals(PHONE_201, transfer.party().address()),
                    () -> assertEquals(PHONE_203, transfer.target().address()));
        }
    }

    @Nested
    @DisplayName("attended transfers: two linked ids, one call")
    class AttendedTransfers {
        @Test
        void calledPartyConsults203ThenTransfersTheCallerToThemOnOneCallId() {
            List<CallEvent> events = capture("xfer_attended_abbcac");

            assertEquals(List.of(CALL_STARTED, ANSWERED, CONSULTATION_STARTED, TRANSFERRED,
                    CALL_ENDED), types(events));
            assertEquals(Set.of("195176c06ab8-1529941338.663"), callIds(events),
                    "the consultation's own linked id 195176c06ab8-1529941342.690 is merged");
            CallEvent consultation = only(events, CONSULTATION_STARTED);
            CallEvent transfer = only(events, TRANSFERRED);
            assertAll(
                    () -> assertEquals(PHONE_202, consultation.party().address()),
                    () -> assertEquals(PHONE_203, consultation.target().address()),
                    () -> assertEquals(TransferKind.ATTENDED, transfer.transferKind()),
                    () -> assertEquals(PHONE_202, transfer.party().address()),
                    () -> assertEquals(PHONE_203, transfer.target().address()));
        }

        @Test
        void callerConsults203ThenTransfersTheCalledPartyToThemOnOneCallId() {
            List<CallEvent> events = capture("xfer_attended_abacbc");

            assertEquals(List.of(CALL_STARTED, ANSWERED, CONSULTATION_STARTED, TRANSFERRED,
                    CALL_ENDED), types(events));
            assertEquals(1, callIds(events).size());
            CallEvent transfer = only(events, TRANSFERRED);
            assertAll(
                    () -> assertEquals(PHONE_201, only(events, CONSULTATION_STARTED)
                            .party().address()),
                    () -> assertEquals(TransferKind.ATTENDED, transfer.transferKind()),
                    () -> assertEquals(PHONE_201, transfer.party().address()),
                    () -> assertEquals(PHONE_203, transfer.target().address()));
        }
    }

    @Nested
    @DisplayName("queues: seen only through the dialplan context and parallel dials")
    class Queues {
        @Test
        void externalCallerReachesAQueueRinging202And203AndIsAnsweredBy202() {
            List<CallEvent> events = capture("queue_simple");

            assertEquals(List.of(CALL_STARTED, ANSWERED, CALL_ENDED), types(events));
            CallEvent started = events.get(0);
            assertAll(
                    () -> assertEquals(Direction.INBOUND, started.direction()),
                    () -> assertEquals("+447700900101", started.party().address()),
                    () -> assertEquals("+447700900104", started.target().address(),
                            "two phones rang at once, so the number dialled is the called"),
                    () -> assertEquals(PHONE_202, events.get(1).party().address()));
        }

        @Test
        void queueCallAnsweredBy201IsBlindTransferredTo202() {
            List<CallEvent> events = capture("queue_blind_xfer");

            assertEquals(List.of(CALL_STARTED, ANSWERED, TRANSFERRED, CALL_ENDED),
                    types(events));
            CallEvent transfer = only(events, TRANSFERRED);
            assertAll(
                    () -> assertEquals(Direction.INBOUND, events.get(0).direction()),
                    () -> assertEquals("+447700900201", events.get(0).party().address()),
                    () -> assertEquals(PHONE_201, events.get(1).party().address()),
                    () -> assertEquals(TransferKind.BLIND, transfer.transferKind()),
                    () -> assertEquals(PHONE_201, transfer.party().address()),
                    () -> assertEquals(PHONE_202, transfer.target().address()));
        }
    }

    @Nested
    @DisplayName("pickups: a second DialBegin from the same Local channel")
    class Pickups {
        @Test
        void sipReplacesPickupBy203IsATransferFromTheRingingPhone() {
            List<CallEvent> events = capture("sip_pickup");

            assertPickedUpBy203(events);
        }

        @Test
        void starEightPickupBy203IsATransferFromTheRingingPhone() {
            List<CallEvent> events = capture("star_pickup");

            assertPickedUpBy203(events);
        }

        private void assertPickedUpBy203(List<CallEvent> events) {
            assertEquals(List.of(CALL_STARTED, TRANSFERRED, CALL_ENDED), types(events),
                    "a pickup is reported as the transfer, not as an answer");
            assertEquals(1, callIds(events).size(), "the picker's own linked id is merged");
            CallEvent transfer = only(events, TRANSFERRED);
            assertAll(
                    () -> assertEquals(TransferKind.PICKUP, transfer.transferKind()),
                    () -> assertEquals(PHONE_202, transfer.party().address()),
                    () -> assertEquals(PHONE_203, transfer.target().address()));
        }
    }

    @Nested
    @DisplayName("a call that leaves through the trunk and comes back in")
    class UserEvents {
        @Test
        void outboundCallAndTheInboundCallItBecomesAreTwoCalls() {
            List<CallEvent> events = capture("user_events");

            assertEquals(List.of(CALL_STARTED, CALL_STARTED, ANSWERED, ANSWERED, CALL_ENDED,
                    CALL_ENDED), types(events));
            assertEquals(Set.of("b6093874285e-1530278036.1196", "b6093874285e-1530278036.1206"),
                    callIds(events));
        }

        @Test
        void outboundLegIsFromTheOtherAccountsPhoneToTheDialledNumber() {
            List<CallEvent> events = capture("user_events");

            CallEvent outbound = events.get(0);
            assertAll(
                    () -> assertEquals(Direction.OUTBOUND, outbound.direction()),
                    () -> assertEquals("260010001", outbound.party().address()),
                    () -> assertEquals("+447700900101", outbound.target().address()),
                    () -> assertEquals("+447700900101", answerOf(events, outbound.callId())));
        }

        @Test
        void inboundLegIsFromTheTrunkAndAnsweredBy201() {
            List<CallEvent> events = capture("user_events");

            CallEvent inbound = events.get(1);
            assertAll(
                    () -> assertEquals(Direction.INBOUND, inbound.direction()),
                    () -> assertEquals("+447700900201", inbound.party().address()),
                    () -> assertEquals(PHONE_201, answerOf(events, inbound.callId())));
        }

        @Test
        void notifyCallstateUserEventsAreNotCallrecSignals() {
            List<CallEvent> events = capture("user_events");

            assertTrue(events.stream().noneMatch(e -> e.staffId() != null),
                    Replays.describe(events));
        }

        private String answerOf(List<CallEvent> events, String callId) {
            return events.stream()
                    .filter(e -> e.type() == CallEventType.ANSWERED && e.callId().equals(callId))
                    .findFirst().orElseThrow().party().address();
        }
    }

    @Test
    void everyCallIdIsTheLinkedIdOfItsFirstChannelAndMatchesTheCallIdPattern() {
        for (String name : List.of("ab_success_a_hangup", "queue_simple", "sip_pickup",
                "xfer_attended_abacbc", "user_events")) {
            List<CallEvent> events = capture(name);

            for (String callId : callIds(events)) {
                assertTrue(CallEvent.CALL_ID_PATTERN.matcher(callId).matches(), callId);
            }
        }
    }

    @Test
    void everyEventNamesTheCaptureLineItWasReadFrom() {
        List<CallEvent> events = capture("xfer_attended_abbcac");

        assertTrue(events.stream().allMatch(e -> e.source().matches(
                "xfer_attended_abbcac\\.ami:[1-9][0-9]*")), Replays.describe(events));
    }
}
