package org.callrec.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event decision of {@link DecisionEngine} over 10,000 live calls of the shipped policy
 * (an inbound call answered by a Repairs agent after the notice prompt, held and resumed eight
 * times, then ended and replaced by a new call), single-threaded and on two threads sharing one
 * engine. Floor: a {@link HashMap} lookup of the call's state for the same call ids. Targets:
 * within 25 times the floor, under 512 bytes allocated per event ({@code -prof gc}), and at
 * least 2,000,000 events a second on two cores. Every event is made before measurement (see
 * {@link LiveCalls}), so the figure is the engine's alone.
 *
 * <p>Run: {@code benchmarks/run.sh DecisionBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DecisionBenchmark {
    /** Live calls kept across all threads. */
    public static final int LIVE_CALLS = 10_000;

    /** The engine shared by every thread, with its live calls started. */
    @State(Scope.Benchmark)
    public static class Engine {
        /** Live calls kept across all threads; the smoke test lowers it. */
        @Param({"10000"})
        public int liveCalls;

        DecisionEngine engine;
        final AtomicInteger threadIds = new AtomicInteger();
        final AdvancingClock clock =
                new AdvancingClock(Instant.parse("2026-03-02T09:00:00Z"));

        /** Loads the shipped policy and the Repairs directory. */
        @Setup(Level.Trial)
        public void load() {
            Policy policy = new PolicyLoader(clock).load(resource("policy.yaml"), "policy.yaml");
            FileStaffDirectory staff = FileStaffDirectory.load(
                    resource("directory-repairs.yaml"), "directory-repairs.yaml");
            engine = new DecisionEngine(policy, staff, clock);
        }
    }

    /** One thread's share of the live calls, started before measurement. */
    @State(Scope.Thread)
    public static class Stream {
        LiveCalls calls;
        Map<String, Object> floor;

        /** Starts this thread's share of the calls and builds the floor's map of the same ids. */
        @Setup(Level.Trial)
        public void start(Engine shared, org.openjdk.jmh.infra.BenchmarkParams params) {
            int threads = params.getThreads();
            int id = shared.threadIds.getAndIncrement();
            calls = new LiveCalls("t" + id + "-c", shared.liveCalls / threads,
                    () -> shared.clock.advance(LiveCalls.BETWEEN_ROUNDS.getSeconds()));
            floor = new HashMap<>();
            for (int i = 0; i < calls.calls(); i++) {
                for (int generation = 0; generation < LiveCalls.GENERATIONS; generation++) {
                    floor.put(calls.callId(i, generation), new Object());
                }
            }
            // Run every slot past its first three events so that all calls are live and
            // answered before measurement starts.
            for (int i = 0; i < 3 * calls.calls(); i++) {
                shared.engine.decide(calls.nextEvent());
            }
        }
    }

    /** Decides the next event of the next call, on one thread. */
    @Benchmark
    @Threads(1)
    public EngineAnswer decideOneThread(Engine shared, Stream stream) {
        return shared.engine.decide(stream.calls.nextEvent());
    }

    /** Decides the next event of the next call, on each of two threads. */
    @Benchmark
    @Threads(2)
    public EngineAnswer decideTwoThreads(Engine shared, Stream stream) {
        return shared.engine.decide(stream.calls.nextEvent());
    }

    /** Floor: looks up the state of the next call in a HashMap, on one thread. */
    @Benchmark
    @Threads(1)
    public Object floorLookupOneThread(Stream stream) {
        return lookUp(stream);
    }

    /** Floor: looks up the state of the next call in a HashMap, on each of two threads. */
    @Benchmark
    @Threads(2)
    public Object floorLookupTwoThreads(Stream stream) {
        return lookUp(stream);
    }

    private static Object lookUp(Stream stream) {
        int slot = stream.calls.nextSlot();
        stream.calls.skip();
        return stream.floor.get(stream.calls.callId(slot));
    }

    /**
     * The engine's clock: moved on after every round of calls, so that an ended call's id may
     * start again (see {@link LiveCalls}). Read only when a call starts or ends.
     */
    static final class AdvancingClock extends Clock {
        private final AtomicLong seconds;

        AdvancingClock(Instant start) {
            this.seconds = new AtomicLong(start.getEpochSecond());
        }

        void advance(long by) {
            seconds.addAndGet(by);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }
    }

    static InputStream resource(String name) {
        InputStream in = DecisionBenchmark.class.getResourceAsStream("/callrec/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("/callrec/" + name
                    + " is missing from the class path (it ships in callrec-examples)"));
        }
        return in;
    }
}
