package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.whatif.CallChange;
import org.callrec.core.whatif.WhatIf;
import org.callrec.core.whatif.WhatIfReport;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callrec what-if}: replays the stored decision inputs of past calls through a new policy
 * version and reports what would be recorded, stopped or kept differently. Reads only.
 */
@Command(name = "what-if", mixinStandardHelpOptions = true,
        description = "Replays the stored events and directory answers of past calls through a"
                + " new policy file and reports, per call and in total, what would change."
                + " Changes nothing stored.")
final class WhatIfCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "The new policy file (YAML).")
    private Path policyFile;

    @Option(names = "--since", required = true, paramLabel = "DATE",
            description = "Replay calls that started on or after this date (ISO, such as"
                    + " 2025-03-01), read in the new policy's time zone.")
    private LocalDate since;

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        PrintWriter out = spec.commandLine().getOut();
        Policy policy = new PolicyLoader(parent.clock()).load(policyFile);
        Instant from = since.atStartOfDay(policy.timeZone()).toInstant();
        WhatIf whatIf = new WhatIf(policy, parent.clock());

        List<CallChange> changes = new ArrayList<>();
        int disposed = 0;
        try (Catalogue catalogue = Workspace.openCatalogueReadOnly(common.data,
                parent.clock())) {
            for (CallRecord call : catalogue.calls()) {
                if (call.startedAt() == null || call.startedAt().isBefore(from)) {
                    continue;
                }
                if (call.events().isEmpty()) {
                    // Disposal of a call's last recording erases its decision inputs with its
                    // personal data, so there is nothing left to replay.
                    disposed++;
                    continue;
                }
                changes.add(whatIf.compare(call,
                        catalogue.retentionDeadline(call.callId()).orElse(null),
                        catalogue.recordingsOfCall(call.callId()).size()));
            }
        }

        out.printf("what-if: policy %s %s over the calls since %s in %s (nothing stored is"
                + " changed)%n", policy.organisation(), policy.version(), since, common.data);
        out.println(new WhatIfReport(policy.version(), changes).describe());
        if (disposed > 0) {
            out.printf("%d call(s) skipped: disposed of, so their decision inputs are gone%n",
                    disposed);
        }
        return 0;
    }
}
