package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.callrec.core.policy.Policy;
import org.callrec.core.subject.SubjectAccess;
import org.callrec.core.subject.SubjectExport;
import org.callrec.core.subject.SubjectNumbers;
import org.callrec.core.subject.SubjectQuery;
import org.callrec.examples.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec sar}: answers a subject access request (clause 4.4). */
@Command(name = "sar", mixinStandardHelpOptions = true,
        description = "Finds every recording a person took part in, by number, staff id or"
                + " reference, and exports the audio with a manifest of checksums.")
final class SarCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Who who;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "A new or empty folder for the export.")
    private Path out;

    @Option(names = "--as", defaultValue = "subject-access-desk", paramLabel = "STAFF",
            description = "Who handles the request, for the audit trail.")
    private String requestedBy;

    /** Exactly one way to name the person. */
    static final class Who {
        @Option(names = "--number", paramLabel = "N", description = "A phone number, in any"
                + " common form.")
        String number;

        @Option(names = "--staff", paramLabel = "ID", description = "A staff id.")
        String staff;

        @Option(names = "--reference", paramLabel = "R", description = "A reference attached"
                + " to calls.")
        String reference;

        SubjectQuery query() {
            return number != null ? SubjectQuery.byNumber(number)
                    : staff != null ? SubjectQuery.byStaff(staff)
                    : SubjectQuery.byReference(reference);
        }
    }

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        PrintWriter printer = spec.commandLine().getOut();
        Clock clock = policyOptions.clock(parent.clock());
        Policy policy = policyOptions.load(clock);
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            SubjectAccess access = new SubjectAccess(workspace.catalogue(), workspace.vault(),
                    workspace.personalData(), new SubjectNumbers("GB"), workspace.audit(), clock,
                    policy.timeZone());
            SubjectExport export = access.export(who.query(), requestedBy, out);
            printer.printf("exported %d recording(s) to %s%n", export.recordings(), out);
            printer.printf("manifest %s (SHA-256 of each file, role, lawful basis, policy"
                    + " version)%n", export.manifest());
            printer.printf("response due by %s (one calendar month, %s, clause 4.4)%n",
                    export.responseDeadline(), policy.timeZone());
            return 0;
        } catch (RuntimeException | java.io.IOException refused) {
            return Refusals.print(spec, refused);
        }
    }
}
