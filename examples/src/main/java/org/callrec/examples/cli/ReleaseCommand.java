package org.callrec.examples.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.callrec.core.policy.Policy;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.Hold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec release}: releases a hold (clause 4.4). */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Releases a hold, as a staff member holding an authorised role.")
final class ReleaseCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--staff-directory", required = true, paramLabel = "FILE",
            description = "The staff directory file (YAML).")
    private Path directory;

    @Option(names = "--as", required = true, paramLabel = "STAFF",
            description = "The staff id releasing the hold.")
    private String staffId;

    @Parameters(paramLabel = "HOLD", description = "The hold id.")
    private String holdId;

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        Clock clock = policyOptions.clock(parent.clock(), common.data);
        Policy policy = policyOptions.load(clock);
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            Hold released = HoldCommand.holds(workspace, policy, clock, directory)
                    .release(staffId, holdId);
            spec.commandLine().getOut().printf("released %s on %s; audited%n",
                    released.holdId(), released.recordingId());
            return 0;
        } catch (RuntimeException | java.io.IOException refused) {
            return Refusals.print(spec, refused);
        }
    }
}
