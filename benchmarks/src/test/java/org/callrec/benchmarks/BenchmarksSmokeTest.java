package org.callrec.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in this JVM, on the smallest parameters, so that none rots between
 * full runs. It measures nothing worth reading; the full run is {@code benchmarks/run.sh}.
 */
class BenchmarksSmokeTest {
    /**
     * JMH refuses to start while another JMH run on the machine holds its lock, which is right
     * for a measurement and wrong here: this run measures nothing, so a developer's full run
     * beside the build must not fail the build.
     */
    @BeforeAll
    static void runBesideAnyMeasurement() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void everyBenchmarkRunsOnceOnTheSmallestParameters() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(DecisionBenchmark.class.getName() + "\\.")
                .include(IngestBenchmark.class.getName() + "\\.")
                .include(AuditAppendBenchmark.class.getName() + "\\.")
                .include(AccessBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .timeUnit(TimeUnit.MILLISECONDS)
                .param("liveCalls", "100")
                .param("mebibytes", "1")
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = results.stream()
                .map(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("decideOneThread", "decideTwoThreads", "floorLookupOneThread",
                "floorLookupTwoThreads", "ingest", "floorEncryptOnly", "floorWriteFsyncRename",
                "append", "floorHashAndAppend", "check", "floorCacheHit", "peerCasbin"), ran);
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().id());
        }
    }

    @Test
    void theSweepAndSubjectLookupRunOnceOnTheSmallestCatalogue() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(SweepBenchmark.class.getName() + "\\.")
                .include(SubjectLookupBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("recordings", "10000")
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = results.stream()
                .map(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("sweep", "lookUpByNumber", "floorFindRecordingById"), ran);
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().id());
        }
    }
}
