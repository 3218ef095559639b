package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.callrec.catalogue.jdbc.JdbcCatalogue;
import org.callrec.core.policy.Policy;
import org.callrec.core.retention.RecordingDisposal;
import org.callrec.core.retention.RetentionSweep;
import org.callrec.core.retention.SweepItem;
import org.callrec.core.retention.SweepReport;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.Hold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec sweep}: disposes of recordings past their deadline (clause 4.2). */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Disposes of every recording past its retention deadline that is not on"
                + " hold: key destroyed, object deleted, receipt kept. --dry-run lists what would"
                + " go and why.")
final class SweepCommand implements Callable<Integer> {
    /**
     * The claimant of every sweep over the embedded catalogue. H2 in file mode admits one
     * process, so a claim found there was left by a sweep of this installation that was killed;
     * under one name the next sweep takes its claims back at once. Under a fresh name each time,
     * a sweep run after the kill skipped the claimed batch until the lease ran out, and with
     * {@code --as-of} it never disposed of it (found by the kill harness, CrashSafetyTest).
     */
    static final String EMBEDDED_CLAIMANT = "callrec-sweep-embedded";

    private static final int BATCH = 100;

    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--dry-run", description = "List what would be disposed of, and why;"
            + " change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = policyOptions.clock(parent.clock(), common.data);
        Policy policy = policyOptions.load(clock);
        JdbcCatalogue toCompact = null;
        boolean complete;
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            RecordingDisposal disposal = new RecordingDisposal(workspace.catalogue(),
                    workspace.storage(), workspace.audit(), clock);
            RetentionSweep sweep = common.catalogue == null
                    ? new RetentionSweep(workspace.catalogue(), disposal, clock,
                            policy.timeZone(), BATCH, EMBEDDED_CLAIMANT,
                            RetentionSweep.DEFAULT_LEASE)
                    : new RetentionSweep(workspace.catalogue(), disposal, clock,
                            policy.timeZone(), BATCH);
            SweepReport report = dryRun ? sweep.dryRun() : sweep.run(item -> progress(out, item));
            if (dryRun) {
                out.printf("dry run as of %s: %d recording(s) would be disposed of%n",
                        report.asOf(), report.items().size());
                report.items().forEach(item -> out.printf("  would dispose of %s (call %s):"
                        + " %s%n", item.recordingId(), item.callId(), item.reason()));
            } else {
                out.printf("sweep as of %s: %d recording(s) disposed of%s%n", report.asOf(),
                        report.items().size(), report.isComplete() ? ""
                                : "; STOPPED: " + report.failure() + " (run again to resume)");
            }
            for (Hold hold : report.heldPastDeadline()) {
                out.printf("  kept %s past its deadline: %s (clause 4.4)%n",
                        hold.recordingId(), hold);
            }
            for (Hold hold : report.overdueHolds()) {
                out.printf("  hold %s is past its review date %s: review it (clause 4.4)%n",
                        hold.holdId(), hold.reviewBy());
            }
            if (!dryRun && workspace.catalogue() instanceof JdbcCatalogue jdbc) {
                toCompact = jdbc;
            }
            complete = report.isComplete();
        }

        // Destroyed keys leave the database file only when it is rewritten, and it can be
        // rewritten only once nothing holds it open: the grant store keeps its own pool on the
        // same embedded database, so compaction waits until the whole workspace is closed.
        if (toCompact != null) {
            toCompact.compact();
            out.println("catalogue compacted: destroyed keys no longer in the database file");
        }
        return complete ? 0 : 1;
    }

    private static void progress(PrintWriter out, SweepItem item) {
        out.printf("  %s %s (call %s, deadline %s)%n", item.outcome(), item.recordingId(),
                item.callId(), item.deadline());
        out.flush();
    }
}
