package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.callrec.examples.Workspace;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.DirectoryAnswer;
import org.callrec.spi.catalogue.Evidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec explain CALL}: says why each decision of a call was taken. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains why each decision of a catalogued call was taken.")
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Parameters(paramLabel = "CALL", description = "The call id, as `recordings` shows it.")
    private String callId;

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.openExisting(common.data, parent.clock(),
                common.locations())) {
            CallRecord call = workspace.catalogue().findCall(callId).orElseThrow(() ->
                    new IllegalArgumentException("no call '" + callId + "' in the catalogue at "
                            + common.data + "; `callrec recordings` lists the calls"));
            out.printf("call %s: %s, policy %s, lawful basis %s%n", call.callId(),
                    call.direction(), call.policyVersion(), call.lawfulBasis());
            out.printf("started %s, ended %s, retention deadline %s%n", call.startedAt(),
                    call.endedAt() == null ? "(live)" : call.endedAt(),
                    workspace.catalogue().retentionDeadline(callId).map(Object::toString)
                            .orElse("none"));
            out.printf("teams %s, flags %s%n", new java.util.TreeSet<>(call.teams()),
                    new java.util.TreeSet<>(call.flags()));
            out.println("who the directory said each party was:");
            for (DirectoryAnswer answer : call.directoryAnswers()) {
                out.printf("  %s%n", answer.staff().map(member -> "staff " + member.staffId()
                        + " teams " + new java.util.TreeSet<>(member.teams())
                        + " roles " + new java.util.TreeSet<>(member.roles()))
                        .orElse("not staff (external)"));
            }
            for (Evidence evidence : call.evidence()) {
                out.printf("evidence: %s at %s%s%n", evidence.kind(), evidence.at(),
                        evidence.staffId() == null ? "" : " by staff " + evidence.staffId());
            }
            out.println("decisions:");
            int step = 1;
            for (Decision decision : call.decisions()) {
                out.printf("%3d. %s %s -> %s%n     because %s%n", step++, decision.at(),
                        decision.event().type(), decision.commands().isEmpty() ? "no command"
                                : decision.commands(), decision.citation());
            }
        }
        return 0;
    }
}
