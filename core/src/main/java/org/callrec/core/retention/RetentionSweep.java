package org.callrec.core.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.RecordingEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention sweep (clause 4.2): disposes of every recording whose deadline is at or before
 * the clock's instant and that has no active hold, through {@link RecordingDisposal}. Recordings
 * of live calls have no deadline and are never touched; nor is any recording whose deadline is
 * in the future.
 *
 * <p>The sweep is idempotent and can be stopped anywhere: it asks the catalogue for due
 * recordings in batches, and a recording half disposed of by a stopped sweep is still due and is
 * finished by the next. It stops at the first failure (logged at ERROR) rather than skipping
 * ahead, so nothing is left half done unnoticed.
 *
 * <p>Several sweeps, on one node or many, can run over one catalogue at once: each claims its
 * batches through {@link Catalogue#claimDueForDisposal} under its own claimant id, so no two
 * dispose of the same recording, and a batch claimed by a sweep that stopped is taken by another
 * when the claim's lease runs out. A run that ends, stopped or not, releases what it claimed and
 * did not dispose of, so only a sweep that dies keeps recordings from the others until its lease
 * runs out. One sweep's {@link #run} calls take turns.
 */
public final class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    /** The actor named in audit entries the sweep writes. */
    public static final String ACTOR = "retention-sweep";

    /** How long a claimed batch is kept from other sweeps unless a lease is given. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private static final int MAX_CLAIMANT_LENGTH = 128;

    private final Catalogue catalogue;
    private final RecordingDisposal disposal;
    private final Clock clock;
    private final ZoneId zone;
    private final int batchSize;
    private final String claimant;
    private final Duration lease;

    /**
     * Creates a sweep with a claimant id of its own and the {@link #DEFAULT_LEASE}.
     *
     * @param catalogue where due recordings and holds are found
     * @param disposal disposes of each recording
     * @param clock the instant deadlines are compared with
     * @param zone the policy's time zone, in which hold review dates are read
     * @param batchSize how many recordings to ask the catalogue for at once, at least 1
     */
    public RetentionSweep(Catalogue catalogue, RecordingDisposal disposal, Clock clock,
            ZoneId zone, int batchSize) {
        this(catalogue, disposal, clock, zone, batchSize, "sweep-" + UUID.randomUUID(),
                DEFAULT_LEASE);
    }

    /**
     * Creates a sweep that claims recordings under a given claimant id for a given lease.
     *
     * @param catalogue where due recordings and holds are found
     * @param disposal disposes of each recording
     * @param clock the instant deadlines are compared with
     * @param zone the policy's time zone, in which hold review dates are read
     * @param batchSize how many recordings to claim at once, at least 1
     * @param claimant this sweep's id, unique among sweeps over the catalogue, 1 to 128
     *     characters
     * @param lease how long a claimed batch is kept from other sweeps; longer than disposing of
     *     a batch takes
     */
    public RetentionSweep(Catalogue catalogue, RecordingDisposal disposal, Clock clock,
            ZoneId zone, int batchSize, String claimant, Duration lease) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.disposal = Objects.requireNonNull(disposal, "disposal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        Objects.requireNonNull(claimant, "claimant");
        if (claimant.isBlank() || claimant.length() > MAX_CLAIMANT_LENGTH) {
            throw new IllegalArgumentException("a sweep's claimant id must be 1 to "
                    + MAX_CLAIMANT_LENGTH + " characters, was '" + claimant + "'");
        }
        this.claimant = claimant;
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a sweep's lease must be positive, was " + lease);
        }
        this.lease = lease;
    }

    /** Returns the id under which this sweep claims recordings. */
    public String claimant() {
        return claimant;
    }

    /**
     * Lists what a sweep would dispose of now, and why, changing nothing: it claims nothing, so
     * it also lists recordings another sweep has claimed.
     *
     * <p>Limitation: the dry run lists at most {@code 100 * batchSize} recordings.
     */
    public SweepReport dryRun() {
        Instant now = clock.instant();
        List<SweepItem> items = new ArrayList<>();
        for (RecordingEntry entry : catalogue.dueForDisposal(now, 100 * batchSize)) {
            items.add(item(entry, now, "would-dispose"));
        }
        return new SweepReport(now, true, items, overdueHolds(now), heldPastDeadline(now), null);
    }

    /**
     * Disposes of every due recording, telling {@code progress} about each as it goes.
     *
     * @return what was done; {@link SweepReport#failure()} says why it stopped early, if it did
     */
    public synchronized SweepReport run(Consumer<SweepItem> progress) {
        Objects.requireNonNull(progress, "progress");
        Instant now = clock.instant();
        List<SweepItem> done = new ArrayList<>();

        Optional<String> failure = Optional.empty();
        try {
            List<RecordingEntry> batch = claimBatch(now);
            while (!batch.isEmpty() && failure.isEmpty()) {
                for (RecordingEntry entry : batch) {
                    failure = disposeOne(entry, now, done, progress);
                    if (failure.isPresent()) {
                        break;
                    }
                }
                batch = failure.isPresent() ? List.of() : claimBatch(now);
            }
        } finally {
            // What this run claimed and did not dispose of (it stopped, or a hold came) is
            // left to whichever sweep comes next; only a sweep that dies keeps it to its lease.
            releaseClaims();
        }

        LOG.info("Retention sweep {} as of {}: {} recording(s) disposed of{}", claimant, now,
                done.size(), failure.map(reason -> "; stopped: " + reason).orElse(""));
        return new SweepReport(now, false, done, overdueHolds(now), heldPastDeadline(now),
                failure.orElse(null));
    }

    private void releaseClaims() {
        try {
            catalogue.releaseClaims(claimant);
        } catch (RuntimeException e) {
            LOG.warn("Retention sweep {} could not release its claims; other sweeps take them"
                    + " when its lease of {} runs out", claimant, lease, e);
        }
    }

    private List<RecordingEntry> claimBatch(Instant now) {
        // Limitation: the lease is not renewed. A sweep slower than its lease over one batch
        // (a store answering very slowly) can see another sweep take the rest of its batch;
        // both then audit the disposal of those recordings, though one receipt is kept.
        return catalogue.claimDueForDisposal(now, batchSize, claimant,
                clock.instant().plus(lease));
    }

    private Optional<String> disposeOne(RecordingEntry entry, Instant now, List<SweepItem> done,
            Consumer<SweepItem> progress) {
        // The catalogue was asked with this instant, but a deadline is checked again here: the
        // sweep must never touch a recording whose deadline is in the future.
        if (entry.retentionDeadline() == null || entry.retentionDeadline().isAfter(now)) {
            return Optional.of("catalogue offered recording " + entry.recordingId()
                    + " that is not due");
        }
        try {
            disposal.dispose(entry.recordingId(), DeletionPath.SWEEP, ACTOR);
        } catch (RecordingOnHoldException held) {
            // A hold placed between the query and the disposal: the guard has the last word.
            SweepItem item = item(entry, now, "refused: " + held.getMessage());
            progress.accept(item);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.error("Retention sweep aborted at recording {}; the next sweep resumes it",
                    entry.recordingId(), e);
            return Optional.of("recording " + entry.recordingId() + ": " + e.getMessage());
        }
        SweepItem item = item(entry, now, "disposed");
        done.add(item);
        progress.accept(item);
        return Optional.empty();
    }

    private static SweepItem item(RecordingEntry entry, Instant now, String outcome) {
        return new SweepItem(entry.recordingId(), entry.callId(), entry.retentionDeadline(),
                Duration.between(entry.retentionDeadline(), now), outcome);
    }

    private List<Hold> overdueHolds(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return catalogue.activeHolds().stream().filter(h -> h.isPastReview(today)).toList();
    }

    private List<Hold> heldPastDeadline(Instant now) {
        return catalogue.activeHolds().stream()
                .filter(h -> catalogue.findRecording(h.recordingId())
                        .map(RecordingEntry::retentionDeadline)
                        .filter(deadline -> !deadline.isAfter(now))
                        .isPresent())
                .toList();
    }
}
