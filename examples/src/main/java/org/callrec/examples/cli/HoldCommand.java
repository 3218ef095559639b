package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.retention.Holds;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.HoldKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec hold}: places a hold on a recording, or lists holds (clause 4.4). */
@Command(name = "hold", mixinStandardHelpOptions = true,
        description = "Places a hold (complaint, investigation, legal) that keeps a recording"
                + " past its deadline; with --list or --overdue, lists holds.")
final class HoldCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--staff-directory", paramLabel = "FILE",
            description = "The staff directory file (YAML) that says who holds which role.")
    private Path directory;

    @Option(names = "--as", paramLabel = "STAFF", description = "The staff id placing the hold.")
    private String staffId;

    @Option(names = "--recording", paramLabel = "ID", description = "The recording to hold.")
    private String recordingId;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "complaint, investigation or legal.")
    private String kind;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why it is held.")
    private String reason;

    @Option(names = "--case", paramLabel = "REF", description = "The case reference.")
    private String caseReference;

    @Option(names = "--review-by", paramLabel = "DATE", description = "Review date, e.g."
            + " 2027-01-31.")
    private LocalDate reviewBy;

    @Option(names = "--list", description = "List active holds.")
    private boolean list;

    @Option(names = "--overdue", description = "List active holds past their review date.")
    private boolean overdue;

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = policyOptions.clock(parent.clock(), common.data);
        Policy policy = policyOptions.load(clock);
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            if (list || overdue) {
                return listHolds(out, workspace, policy, clock);
            }
            if (directory == null || staffId == null || recordingId == null || kind == null
                    || reason == null || caseReference == null || reviewBy == null) {
                return Refusals.usage(spec, "placing a hold needs --staff-directory, --as,"
                        + " --recording, --kind, --reason, --case and --review-by");
            }
            Holds holds = holds(workspace, policy, clock, directory);
            Hold hold = holds.place(staffId, recordingId, HoldKind.valueOf(
                    kind.toUpperCase(java.util.Locale.ROOT)), reason, caseReference, reviewBy);
            out.printf("placed %s on %s (%s, case %s, review by %s); audited%n", hold.holdId(),
                    hold.recordingId(), kind, hold.caseReference(), hold.reviewBy());
            return 0;
        } catch (RuntimeException | java.io.IOException refused) {
            return Refusals.print(spec, refused);
        }
    }

    private int listHolds(PrintWriter out, Workspace workspace, Policy policy, Clock clock) {
        Holds holds = new Holds(workspace.catalogue(), address -> java.util.Optional.empty(),
                policy.access().roles(), workspace.audit(), clock, policy.timeZone());
        var shown = overdue ? holds.overdue() : holds.active();
        out.printf("%d %s hold(s)%n", shown.size(), overdue ? "overdue" : "active");
        for (Hold hold : shown) {
            out.printf("  %s  %s  %s  case %s  review by %s%s  placed by %s%n", hold.holdId(),
                    hold.recordingId(), hold.kind().name().toLowerCase(java.util.Locale.ROOT),
                    hold.caseReference(), hold.reviewBy(),
                    hold.isPastReview(java.time.LocalDate.now(clock.withZone(policy.timeZone())))
                            ? " (OVERDUE for review, clause 4.4)" : "", hold.placedBy());
        }
        return 0;
    }

    static Holds holds(Workspace workspace, Policy policy, Clock clock, Path directory) {
        return new Holds(workspace.catalogue(), FileStaffDirectory.load(directory),
                policy.access().roles(), workspace.audit(), clock, policy.timeZone());
    }
}
