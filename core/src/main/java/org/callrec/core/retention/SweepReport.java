package org.callrec.core.retention;

import java.time.Instant;
import java.util.List;
import org.callrec.spi.catalogue.Hold;

/**
 * What a sweep did or, in a dry run, would do.
 *
 * @param asOf the instant deadlines were compared with
 * @param dryRun whether nothing was changed
 * @param items the recordings disposed of (or that would be), in order
 * @param overdueHolds active holds past their review date, to be reported (clause 4.4)
 * @param heldPastDeadline active holds keeping a recording past its deadline
 * @param failure why the sweep stopped early, or null when it finished
 */
public record SweepReport(Instant asOf, boolean dryRun, List<SweepItem> items,
        List<Hold> overdueHolds, List<Hold> heldPastDeadline, String failure) {

    /** Creates a report, copying the lists. */
    public SweepReport {
        items = List.copyOf(items);
        overdueHolds = List.copyOf(overdueHolds);
        heldPastDeadline = List.copyOf(heldPastDeadline);
    }

    /** Returns whether the sweep finished without a failure. */
    public boolean isComplete() {
        return failure == null;
    }
}
