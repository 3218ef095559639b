package org.callrec.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.junit.jupiter.api.Test;

class CitationsTest {
    private final DecisionEngine engine = EngineFixtures.engine();

    @Test
    void holdsOfTwoRecordedCallsShareOneReasonAndOneClauseList() {
        CallScript first = recordedCall("call-1");
        CallScript second = recordedCall("call-2");

        Decision one = first.party(CallEventType.HOLD_STARTED, "202").decision();
        Decision other = second.party(CallEventType.HOLD_STARTED, "202").decision();

        assertEquals("paused: call on hold; call on hold", one.reason());
        assertSame(one.reason(), other.reason());
        assertSame(one.clauses(), other.clauses());
    }

    @Test
    void aDecisionWithOtherWordsGetsItsOwnReason() {
        CallScript call = recordedCall("call-1");

        Decision held = call.party(CallEventType.HOLD_STARTED, "202").decision();
        Decision resumed = call.party(CallEventType.HOLD_ENDED, "202").decision();

        assertEquals("resumed: call off hold; a listed team's call; the other party was told"
                + " (played)", resumed.reason());
        assertNotEquals(held.reason(), resumed.reason());
    }

    @Test
    void theEndedCallsRecordKeepsTheDecisionsAsTheyWereAnswered() {
        CallScript call = recordedCall("call-1");
        Decision held = call.party(CallEventType.HOLD_STARTED, "202").decision();

        EngineAnswer ended = call.end();

        assertEquals(5, ended.endedCall().decisions().size());
        assertSame(held, ended.endedCall().decisions().get(3));
        assertSame(held.event(), ended.endedCall().events().get(3));
    }

    private CallScript recordedCall(String callId) {
        CallScript call = new CallScript(engine, callId);
        call.start(EngineFixtures.EXTERNAL, "202", Direction.INBOUND);
        call.noticePlayed();
        call.answer("202");
        return call;
    }
}
