package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.callrec.core.audit.AuditTrailVerifier;
import org.callrec.core.audit.AuditVerification;
import org.callrec.examples.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec audit}: works on the audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Works on the tamper-evident audit trail.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code callrec audit verify}: names the first entry that does not fit the chain. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks the audit trail's hash chain; exit code 1 names the first bad"
                    + " entry.")
    static final class Verify implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private CommonOptions common = new CommonOptions();

        @Override
        public Integer call() throws Exception {
            Logging.configure(common.verbose);
            PrintWriter out = spec.commandLine().getOut();
            Path file = Workspace.auditFile(common.data);
            AuditVerification result = AuditTrailVerifier.verify(file);
            if (result.isIntact()) {
                out.printf("audit trail %s %s%n", file, result.describe());
                return 0;
            }
            spec.commandLine().getErr().printf("callrec: audit trail %s is broken at %s%n", file,
                    result.describe());
            return 1;
        }
    }
}
