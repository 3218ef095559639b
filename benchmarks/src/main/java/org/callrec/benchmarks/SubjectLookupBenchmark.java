package org.callrec.benchmarks;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.callrec.core.subject.SubjectAccess;
import org.callrec.core.subject.SubjectNumbers;
import org.callrec.core.subject.SubjectQuery;
import org.callrec.core.subject.SubjectRecording;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.RecordingEntry;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A subject access lookup by phone number (clause 4.4), {@link SubjectAccess#find}, over a
 * catalogue of 10,000, 100,000 and 1,000,000 recordings on the embedded default catalogue (H2 in
 * file mode, as {@code Workspace} wires it): the number is normalised, its blind index computed,
 * and the {@value ScaledCatalogue#CALLS_PER_NUMBER} calls it took part in found with their
 * records and recordings. The lookup only, not the audio export. Each call asks for a different
 * number, picked at random. Floor: {@code Catalogue.findRecording} of a random recording, a
 * primary-key lookup through the same catalogue. Target: under a millisecond at a million, and
 * the cost at a million within twice that at ten thousand.
 *
 * <p>Run: {@code benchmarks/run.sh SubjectLookupBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SubjectLookupBenchmark {
    /** Recordings in the catalogue. */
    @Param({"10000", "100000", "1000000"})
    public int recordings;

    private Workspace workspace;
    private SubjectAccess subjectAccess;
    private final SplittableRandom random = new SplittableRandom(5);

    /**
     * Opens the populated installation in place: lookups change nothing in it.
     */
    @Setup(Level.Trial)
    public void openCatalogue() throws IOException {
        workspace = Workspace.open(ScaledCatalogue.cached(recordings), ScaledCatalogue.clock());
        subjectAccess = new SubjectAccess(workspace.catalogue(), workspace.vault(),
                workspace.personalData(), new SubjectNumbers("GB"), workspace.audit(),
                ScaledCatalogue.clock(), ZoneOffset.UTC);
    }

    /** Closes the installation. */
    @TearDown(Level.Trial)
    public void closeCatalogue() {
        workspace.close();
    }

    /** Finds every recording of a caller's number. */
    @Benchmark
    public List<SubjectRecording> lookUpByNumber() {
        int call = random.nextInt(recordings);
        return subjectAccess.find(SubjectQuery.byNumber(
                ScaledCatalogue.callerNumber("call", call)));
    }

    /** Floor: finds one recording by its id, the catalogue's primary key. */
    @Benchmark
    public Optional<RecordingEntry> floorFindRecordingById() {
        int call = random.nextInt(recordings);
        return workspace.catalogue().findRecording(
                ScaledCatalogue.recordingId(ScaledCatalogue.callId("call", call)));
    }
}
