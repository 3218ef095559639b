package org.callrec.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.callrec.benchmarks.DecisionBenchmark.AdvancingClock;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.spi.call.CommandType;
import org.junit.jupiter.api.Test;

class LiveCallsTest {
    @Test
    void everyEventOfTheStreamIsDecidedAndNoneIgnoredRoundAfterRound() {
        AdvancingClock clock = new AdvancingClock(Instant.parse("2026-03-02T09:00:00Z"));
        Policy policy = new PolicyLoader(clock).load(DecisionBenchmark.resource("policy.yaml"),
                "policy.yaml");
        DecisionEngine engine = new DecisionEngine(policy, FileStaffDirectory.load(
                DecisionBenchmark.resource("directory-repairs.yaml"), "directory-repairs.yaml"),
                clock);
        LiveCalls calls = new LiveCalls("t0-c", 50,
                () -> clock.advance(LiveCalls.BETWEEN_ROUNDS.getSeconds()));
        int started = 0;
        int paused = 0;

        for (int i = 0; i < 5 * LiveCalls.GENERATIONS * 50 * LiveCalls.EVENTS_PER_CALL; i++) {
            EngineAnswer answer = engine.decide(calls.nextEvent());
            String reason = answer.decision().reason();
            assertFalse(reason.startsWith("ignored"), "event " + i + ": " + reason);
            for (var command : answer.decision().commands()) {
                started += command.type() == CommandType.START_RECORDING ? 1 : 0;
                paused += command.type() == CommandType.PAUSE_RECORDING ? 1 : 0;
            }
        }

        assertEquals(0, engine.liveCalls());
        assertEquals(5 * LiveCalls.GENERATIONS * 50, started);
        assertEquals(8 * started, paused);
    }
}
