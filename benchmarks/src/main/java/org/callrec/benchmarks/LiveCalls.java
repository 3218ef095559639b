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
 *
 * <p>Every event is made before measurement, so that the benchmark measures the engine and not
 * the making of events: each slot alternates between {@value #GENERATIONS} calls with their own
 * ids, and after every round (each slot has ended one call) the engine's clock moves on by
 * {@link #BETWEEN_ROUNDS}, past the hour for which the engine refuses to start an ended call's
 * id again. The events carry their own times, so the clock only ages the ended calls. Each call
 * starts a second after the one before it, as real calls do, so that no two calls end at the
 * same instant and share the words of their retention deadline.
 */
final class LiveCalls {
    /** Events in one call's script, from start to end. */
    static final int EVENTS_PER_CALL = 20;

    /** Calls each slot alternates between. */
    static final int GENERATIONS = 2;

    /** How far the engine's clock moves after every round of calls. */
    static final Duration BETWEEN_ROUNDS = Duration.ofHours(2);

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration BETWEEN_EVENTS = Duration.ofMillis(250);
    private static final Party CALLER = Party.of("+447700900101");
    private static final Party AGENT = Party.of("202");

    private final CallEvent[][][] events;
    private final int[] generations;
    private final Runnable roundEnded;
    private int step;
    private int next;

    /**
     * Makes every event of every slot's calls.
     *
     * @param prefix distinguishes this thread's call ids from other threads'
     * @param calls the number of live calls this thread keeps
     * @param roundEnded run after each round, when every slot has ended a call
     */
    LiveCalls(String prefix, int calls, Runnable roundEnded) {
        this.events = new CallEvent[calls][GENERATIONS][];
        this.generations = new int[calls];
        this.roundEnded = roundEnded;
        for (int slot = 0; slot < calls; slot++) {
            for (int generation = 0; generation < GENERATIONS; generation++) {
                Instant start = T0.plusSeconds((long) slot * GENERATIONS + generation);
                events[slot][generation] = script(prefix + slot + "-" + generation, start);
            }
        }
    }

    /** Returns the number of call slots. */
    int calls() {
        return events.length;
    }

    /** Returns the id of the call now live in a slot. */
    String callId(int slot) {
        return events[slot][generations[slot]][0].callId();
    }

    /** Returns the id of one of the calls a slot alternates between. */
    String callId(int slot, int generation) {
        return events[slot][generation][0].callId();
    }

    /** Returns the next event, moving round-robin over the slots. */
    CallEvent nextEvent() {
        int slot = next;
        CallEvent event = events[slot][generations[slot]][step];
        if (step == EVENTS_PER_CALL - 1) {
            generations[slot] = generations[slot] + 1 == GENERATIONS ? 0 : generations[slot] + 1;
        }
        skip();
        return event;
    }

    /** Returns the slot the next event will come from. */
    int nextSlot() {
        return next;
    }

    /** Advances to the next slot without handing out its event, for the floor. */
    void skip() {
        next++;
        if (next == events.length) {
            next = 0;
            step++;
            if (step == EVENTS_PER_CALL) {
                step = 0;
                roundEnded.run();
            }
        }
    }

    private static CallEvent[] script(String callId, Instant start) {
        Instant[] times = new Instant[EVENTS_PER_CALL];
        for (int i = 0; i < EVENTS_PER_CALL; i++) {
            times[i] = start.plus(BETWEEN_EVENTS.multipliedBy(i + 1));
        }
        CallEvent[] script = new CallEvent[EVENTS_PER_CALL];
        script[0] = CallEvent.started(callId, times[0], CALLER, AGENT, Direction.INBOUND);
        script[1] = CallEvent.withDetail(CallEventType.NOTICE_PLAYED, callId, times[1],
                "this-call-may-be-monitored-or-recorded");
        script[2] = CallEvent.answered(callId, times[2], AGENT);
        for (int i = 3; i < EVENTS_PER_CALL - 1; i++) {
            CallEventType hold = i % 2 == 1 ? CallEventType.HOLD_STARTED
                    : CallEventType.HOLD_ENDED;
            script[i] = CallEvent.ofParty(hold, callId, times[i], AGENT);
        }
        script[EVENTS_PER_CALL - 1] = CallEvent.withDetail(CallEventType.CALL_ENDED, callId,
                times[EVENTS_PER_CALL - 1], null);
        return script;
    }
}
