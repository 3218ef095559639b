package org.callrec.benchmarks;

import java.time.Duration;
import java.time.Instant;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;

/**
 * A steady stream of events over a fixed number of live calls, for one thread: each call slot
 * runs a script (started, notice played, answered by a Repairs agent, hold and unhold eight
 * times, ended), then starts again as a new call, so the number of live calls stays constant
 * and no call's history grows without end. Events come round-robin over the slots.
 */
final class LiveCalls {
    /** Events in one call's script, from start to end. */
    static final int EVENTS_PER_CALL = 20;

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration BETWEEN_EVENTS = Duration.ofMillis(250);
    private static final Party CALLER = Party.of("+447700900101");
    private static final Party AGENT = Party.of("202");

    private final String prefix;
    private final String[] callIds;
    private final int[] steps;
    private final int[] generations;
    private final Instant[] times;
    private int next;

    /**
     * Creates the slots; {@link #startAll} must run before the stream.
     *
     * @param prefix distinguishes this thread's call ids from other threads'
     * @param calls the number of live calls this thread keeps
     */
    LiveCalls(String prefix, int calls) {
        this.prefix = prefix;
        this.callIds = new String[calls];
        this.steps = new int[calls];
        this.generations = new int[calls];
        this.times = new Instant[calls];
        for (int i = 0; i < calls; i++) {
            callIds[i] = prefix + i + "-0";
            times[i] = T0;
        }
    }

    /** Returns the number of call slots. */
    int calls() {
        return callIds.length;
    }

    /** Returns the id of the call now live in a slot. */
    String callId(int slot) {
        return callIds[slot];
    }

    /** Returns the next event, moving round-robin over the slots. */
    CallEvent nextEvent() {
        int slot = next;
        next = next + 1 == callIds.length ? 0 : next + 1;
        return eventOf(slot);
    }

    /** Returns the slot the next event will come from. */
    int nextSlot() {
        return next;
    }

    /** Advances to the next slot without making an event, for the floor. */
    void skip() {
        next = next + 1 == callIds.length ? 0 : next + 1;
    }

    private CallEvent eventOf(int slot) {
        int step = steps[slot];
        Instant at = times[slot].plus(BETWEEN_EVENTS);
        times[slot] = at;
        String callId = callIds[slot];
        steps[slot] = step + 1 == EVENTS_PER_CALL ? 0 : step + 1;

        if (step == 0) {
            return CallEvent.started(callId, at, CALLER, AGENT, Direction.INBOUND);
        }
        if (step == 1) {
            return CallEvent.withDetail(CallEventType.NOTICE_PLAYED, callId, at,
                    "this-call-may-be-monitored-or-recorded");
        }
        if (step == 2) {
            return CallEvent.answered(callId, at, AGENT);
        }
        if (step == EVENTS_PER_CALL - 1) {
            generations[slot]++;
            callIds[slot] = prefix + slot + "-" + generations[slot];
            return CallEvent.withDetail(CallEventType.CALL_ENDED, callId, at, null);
        }
        CallEventType hold = step % 2 == 1 ? CallEventType.HOLD_STARTED
                : CallEventType.HOLD_ENDED;
        return CallEvent.ofParty(hold, callId, at, AGENT);
    }
}
