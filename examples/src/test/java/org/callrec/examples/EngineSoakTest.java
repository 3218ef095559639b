package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.callrec.asterisk.AsteriskAdapterProvider;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.decision.RecordedSpan;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: the calls of the real Asterisk captures (transfers, pickups, queues, hangups), renamed
 * into 10,000 distinct calls, all live at once, their events interleaved across four threads
 * through one engine, round after round for a bounded time; a sample of the recorded spans also
 * goes through the vault. After every round each call's decisions equal those of the same call
 * replayed alone, the engine has no live call left, and used heap after GC stays flat.
 *
 * <p>Short form: about {@value #NORMAL_SECONDS} s. Long form:
 * {@code -Dcallrec.soak.seconds=600} (and {@code -Dcallrec.soak.calls=...}).
 */
class EngineSoakTest {
    static final int NORMAL_SECONDS = 15;

    private static final Path CAPTURES =
            Path.of("../telephony-asterisk/src/test/resources/realdata/ami/raw");
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private static final String ALONE = "alone-placeholder-call";
    private static final int THREADS = 4;
    private static final int VAULT_SAMPLE = 500;
    private static final long FLAT_HEAP_BYTES = 64L * 1024 * 1024;

    @TempDir
    Path folder;

    @Test
    void tenThousandInterleavedCallsDecideAsAloneEndAllAndLeaveHeapFlat() throws Exception {
        int calls = Integer.getInteger("callrec.soak.calls", 10_000);
        long seconds = Long.getLong("callrec.soak.seconds", NORMAL_SECONDS);
        Policy policy = new PolicyLoader(CLOCK).load(resource("policy.yaml"), "policy.yaml");
        FileStaffDirectory staff = FileStaffDirectory.load(resource("directory-hr.yaml"),
                "directory-hr.yaml");
        List<List<CallEvent>> scripts = captureCalls();
        List<List<String>> alone = new ArrayList<>();
        for (List<CallEvent> script : scripts) {
            alone.add(shapes(replayAlone(new DecisionEngine(policy, staff, CLOCK), script)));
        }
        DecisionEngine engine = new DecisionEngine(policy, staff, CLOCK);
        List<Long> heapAfterRounds = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        int rounds = 0;

        try (Workspace workspace = Workspace.open(folder.resolve("data"), CLOCK)) {
            do {
                Round round = new Round(rounds, calls, scripts, engine, workspace);
                round.run();

                round.assertEveryCallDecidedAsAlone(alone);
                assertEquals(0, engine.liveCalls(), "round " + rounds + " left live calls");
                assertTrue(round.stored.get() > 0, "no span went through the vault");
                heapAfterRounds.add(usedHeapAfterGc());
                rounds++;
            } while (rounds < 3 || System.nanoTime() < deadline);
        }

        long first = heapAfterRounds.get(0);
        long last = heapAfterRounds.get(heapAfterRounds.size() - 1);
        // Printed so that a long run's figures can be quoted where the soak is described.
        System.out.printf("soak: %d calls per round, %d rounds (%d calls) in %d s; used heap"
                + " after GC: first round %d MiB, last %d MiB, highest %d MiB%n", calls, rounds,
                (long) calls * rounds, (System.nanoTime() - started) / 1_000_000_000L,
                first >> 20, last >> 20, Collections.max(heapAfterRounds) >> 20);
        assertTrue(last - first < FLAT_HEAP_BYTES, "used heap grew from " + first + " to "
                + last + " bytes over " + rounds + " rounds: " + heapAfterRounds);
    }

    /** One round: every call started, their events interleaved, every call ended. */
    private static final class Round {
        final int number;
        final int calls;
        final List<List<CallEvent>> scripts;
        final DecisionEngine engine;
        final Workspace workspace;
        final Map<Integer, List<String>> decided = new ConcurrentHashMap<>();
        final AtomicInteger stored = new AtomicInteger();

        Round(int number, int calls, List<List<CallEvent>> scripts, DecisionEngine engine,
                Workspace workspace) {
            this.number = number;
            this.calls = calls;
            this.scripts = scripts;
            this.engine = engine;
            this.workspace = workspace;
        }

        void run() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(threads.submit(() -> {
                        runShare(thread);
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }

        /** Runs this thread's calls, one event of each in turn, so all are live at once. */
        private void runShare(int thread) throws IOException {
            List<Integer> mine = new ArrayList<>();
            for (int call = thread; call < calls; call += THREADS) {
                mine.add(call);
                decided.put(call, new ArrayList<>());
            }
            SplittableRandom random = new SplittableRandom(31L * number + thread);
            int[] next = new int[mine.size()];
            boolean progressed = true;
            while (progressed) {
                progressed = false;
                int start = random.nextInt(mine.size());
                for (int k = 0; k < mine.size(); k++) {
                    int index = (start + k) % mine.size();
                    int call = mine.get(index);
                    List<CallEvent> script = scripts.get(call % scripts.size());
                    if (next[index] < script.size()) {
                        CallEvent event = renamed(script.get(next[index]++), callId(call));
                        EngineAnswer answer = engine.decide(event);
                        decided.get(call).add(shape(answer.decision()));
                        storeSample(call, answer);
                        progressed = true;
                    }
                }
            }
        }

        private void storeSample(int call, EngineAnswer answer) throws IOException {
            if (call % VAULT_SAMPLE != 0 || answer.closedSpan() == null) {
                return;
            }
            RecordedSpan span = answer.closedSpan();
            byte[] audio = new byte[8 * 1024];
            new SplittableRandom(call).nextBytes(audio);
            RecordingEntry entry = workspace.vault().store(span.callId(), span.spanId(),
                    span.startedAt(), span.endedAt(), new ByteArrayInputStream(audio));
            try (InputStream in = workspace.vault().open(entry.recordingId())) {
                assertArrayEquals(audio, in.readAllBytes());
            }
            stored.incrementAndGet();
        }

        String callId(int call) {
            return "soak-" + number + "-" + call;
        }

        void assertEveryCallDecidedAsAlone(List<List<String>> alone) {
            for (int call = 0; call < calls; call++) {
                String id = callId(call);
                List<String> expected = alone.get(call % scripts.size()).stream()
                        .map(s -> s.replace(ALONE, id))
                        .toList();
                assertEquals(expected, decided.get(call), "call " + callId(call));
            }
        }
    }

    private static List<Decision> replayAlone(DecisionEngine engine, List<CallEvent> script) {
        List<Decision> decisions = new ArrayList<>();
        for (CallEvent event : script) {
            decisions.add(engine.decide(renamed(event, ALONE)).decision());
        }
        return decisions;
    }

    private static List<String> shapes(List<Decision> decisions) {
        return decisions.stream().map(EngineSoakTest::shape).toList();
    }

    /** What a decision says, with its call id in place: commands, clauses and reason. */
    private static String shape(Decision decision) {
        return decision.at() + " " + decision.event().type() + " " + decision.commands() + " "
                + decision.clauses() + " " + decision.reason();
    }

    private static CallEvent renamed(CallEvent event, String callId) {
        return new CallEvent(event.type(), callId, event.at(), event.party(), event.target(),
                event.direction(), event.transferKind(), event.staffId(), event.detail(),
                event.source());
    }

    /** The calls of every bundled capture, each as its own list of events in order. */
    private static List<List<CallEvent>> captureCalls() throws IOException {
        TelephonyAdapter adapter = new AsteriskAdapterProvider()
                .create(ProviderConfig.of(Map.of(), CLOCK));
        Map<String, List<CallEvent>> byCall = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(CAPTURES, "*.ami")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                try (InputStream in = Files.newInputStream(file)) {
                    String name = file.getFileName().toString();
                    adapter.read(in, name, event -> byCall.computeIfAbsent(
                            name + "/" + event.callId(), k -> new ArrayList<>()).add(event));
                }
            }
        }
        assertTrue(byCall.size() >= 13, "captures gave only " + byCall.size() + " calls");
        return new ArrayList<>(byCall.values());
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static InputStream resource(String name) {
        return EngineSoakTest.class.getResourceAsStream("/callrec/" + name);
    }
}
