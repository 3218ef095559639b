package org.callrec.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.callrec.catalogue.jdbc.JdbcCatalogue;
import org.callrec.core.retention.RecordingDisposal;
import org.callrec.core.retention.RetentionSweep;
import org.callrec.core.retention.SweepReport;
import org.callrec.examples.Workspace;
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
 * One run of the {@link RetentionSweep} (clause 4.2) over a catalogue keeping 10,000, 100,000
 * and 1,000,000 recordings, with 1% as many again past their deadline, on the embedded default
 * catalogue (H2 in file mode, as {@code Workspace} wires it) with the default audit trail (each
 * entry forced to disk, three per disposal). The storage backend only counts deletes, so the
 * figure is the catalogue's and the audit trail's work. Each sweep is timed alone, once per
 * size ({@link Mode#SingleShotTime}; add {@code -i 3} for more): before it, a fresh 1% of due
 * calls is imported, and each trial first runs an unmeasured sweep of {@value #WARM_UP_DUE} due
 * recordings, so the measured one runs on compiled code. Target: the cost per disposed
 * recording at a million within twice that at ten thousand, since the sweep must read only
 * what is due. No natural floor: the ratio between catalogue sizes is the measure.
 *
 * <p>Run: {@code benchmarks/run.sh SweepBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SweepBenchmark {
    /** The share of the catalogue due at each sweep, as a divisor: 1%. */
    public static final int DUE_DIVISOR = 100;

    /** Due recordings disposed of by the sweep that warms up each trial, unmeasured. */
    public static final int WARM_UP_DUE = 100;

    /** Recordings kept in the catalogue; 1% of this many more are due at each sweep. */
    @Param({"10000", "100000", "1000000"})
    public int recordings;

    private Path folder;
    private Workspace workspace;
    private JdbcCatalogue catalogue;
    private DeleteCountingStorage storage;
    private RetentionSweep sweep;
    private int iteration;
    private long deletesBefore;
    private SweepReport last;

    /** Copies the populated installation and opens it with the sweep over it. */
    @Setup(Level.Trial)
    public void openCatalogue() throws IOException {
        folder = ScaledCatalogue.copy(ScaledCatalogue.cached(recordings));
        workspace = Workspace.open(folder, ScaledCatalogue.clock());
        catalogue = (JdbcCatalogue) workspace.catalogue();
        storage = new DeleteCountingStorage();
        RecordingDisposal disposal = new RecordingDisposal(catalogue, storage, workspace.audit(),
                ScaledCatalogue.clock());
        // A batch of 100, as the `callrec sweep` command claims.
        sweep = new RetentionSweep(catalogue, disposal, ScaledCatalogue.clock(), ZoneOffset.UTC,
                100);

        // One small sweep before the measured one, so that the measured sweep runs on compiled
        // code at every size; a cold sweep would make the smallest catalogue look slowest.
        ScaledCatalogue.importCalls(catalogue, "warm", 0, WARM_UP_DUE,
                ScaledCatalogue.NOW.minusSeconds(86_400));
        SweepReport warmUp = sweep.run(item -> { });
        if (warmUp.items().size() != WARM_UP_DUE) {
            throw new IllegalStateException("the warm-up sweep disposed of "
                    + warmUp.items().size() + " recordings, not " + WARM_UP_DUE
                    + "; it stopped: " + warmUp.failure());
        }
    }

    /** Imports this sweep's 1% of due calls, each with one recording past its deadline. */
    @Setup(Level.Iteration)
    public void makeOnePercentDue() {
        iteration++;
        Instant pastDeadline = ScaledCatalogue.NOW.minusSeconds(86_400);
        ScaledCatalogue.importCalls(catalogue, "due" + iteration, 0, recordings / DUE_DIVISOR,
                pastDeadline);
        deletesBefore = storage.deletes();
    }

    /** Refuses a figure from a sweep that did not dispose of exactly the due recordings. */
    @TearDown(Level.Iteration)
    public void checkEveryDueRecordingWasDisposedOf() {
        long disposed = storage.deletes() - deletesBefore;
        if (disposed != recordings / DUE_DIVISOR) {
            throw new IllegalStateException("the sweep disposed of " + disposed
                    + " recordings, not the " + recordings / DUE_DIVISOR + " due; it stopped: "
                    + (last == null ? "it did not run" : last.failure()));
        }
    }

    /** Closes the installation and removes the copy. */
    @TearDown(Level.Trial)
    public void closeCatalogue() {
        workspace.close();
        ScaledCatalogue.deleteTree(folder);
    }

    /** Disposes of every due recording. */
    @Benchmark
    public SweepReport sweep() {
        last = sweep.run(item -> { });
        return last;
    }
}
