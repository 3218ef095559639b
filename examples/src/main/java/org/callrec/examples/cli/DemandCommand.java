package org.callrec.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.callrec.core.demand.DemandReport;
import org.callrec.core.policy.Policy;
import org.callrec.examples.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec demand}: demand figures from metadata only, never audio (clause 3.1, 5.3). */
@Command(name = "demand", mixinStandardHelpOptions = true,
        description = "Counts calls and sums durations per team, direction, hour and day, from"
                + " catalogue metadata only (no audio is opened).")
final class DemandCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the figures as CSV.")
    private Path csv;

    @Override
    public Integer call() throws IOException {
        Logging.configure(common.verbose);
        Clock clock = policyOptions.clock(parent.clock(), common.data);
        Policy policy = policyOptions.load(clock);
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            DemandReport report = DemandReport.of(workspace.catalogue(), policy.timeZone());
            spec.commandLine().getOut().print(report.table());
            if (csv != null) {
                try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    report.writeCsv(out);
                }
                spec.commandLine().getOut().printf("CSV written to %s%n", csv);
            }
        }
        return 0;
    }
}
