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
 */
public final class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    /** The actor named in audit entries the sweep writes. */
    public static final String ACTOR = "retention-sweep";

    private final Catalogue catalogue;
    private final RecordingDisposal disposal;
    private final Clock clock;
    private final ZoneId zone;
    private final int batchSize;

    /**
     * Creates a sweep.
     *
     * @param catalogue where due recordings and holds are found
     * @param disposal disposes of each recording
     * @param clock the instant deadlines are compared with
     * @param zone the policy's time zone, in which hold review dates are read
     * @param batchSize how many recordings to ask the catalogue for at once, at least 1
     */
    public RetentionSweep(Catalogue catalogue, RecordingDisposal disposal, Clock clock,
            ZoneId zone, int batchSize) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.disposal = Objects.requireNonNull(disposal, "disposal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Lists what a sweep would dispose of now, and why, changing nothing.
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
    public SweepReport run(Consumer<SweepItem> progress) {
        Objects.requireNonNull(progress, "progress");
        Instant now = clock.instant();
        List<SweepItem> done = new ArrayList<>();

        Optional<String> failure = Optional.empty();
        List<RecordingEntry> batch = catalogue.dueForDisposal(now, batchSize);
        while (!batch.isEmpty() && failure.isEmpty()) {
            for (RecordingEntry entry : batch) {
                failure = disposeOne(entry, now, done, progress);
                if (failure.isPresent()) {
                    break;
                }
            }
            batch = failure.isPresent() ? List.of() : catalogue.dueForDisposal(now, batchSize);
        }

        LOG.info("Retention sweep as of {}: {} recording(s) disposed of{}", now, done.size(),
                failure.map(reason -> "; stopped: " + reason).orElse(""));
        return new SweepReport(now, false, done, overdueHolds(now), heldPastDeadline(now),
                failure.orElse(null));
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
