package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.RecordingEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec recordings}: lists the catalogue, without personal data unless asked. */
@Command(name = "recordings", mixinStandardHelpOptions = true,
        description = "Lists the stored recordings. Phone numbers are shown only with"
                + " --show-personal-data.")
final class RecordingsCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Option(names = "--show-personal-data",
            description = "Also show the parties' phone numbers and addresses.")
    private boolean showPersonalData;

    @Override
    public Integer call() {
        Logging.configure(common.verbose);
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.openExisting(common.data, parent.clock(),
                common.locations())) {
            var recordings = workspace.catalogue().recordings();
            out.printf("%d recording(s) in %s%n", recordings.size(), common.data);
            for (RecordingEntry entry : recordings) {
                Optional<CallRecord> call = workspace.catalogue().findCall(entry.callId());
                out.printf("%s  call %s  span %s  %d bytes audio  deadline %s%n",
                        entry.recordingId(), entry.callId(), entry.spanId(),
                        entry.plaintextBytes(), entry.retentionDeadline() == null
                                ? "none yet (live call)" : entry.retentionDeadline());
                out.printf("    sha256 %s  key %s  stored %s%n", entry.ciphertextSha256(),
                        entry.wrappedKey() == null ? "destroyed" : entry.wrappedKey().keyId(),
                        entry.storedAt());
                call.ifPresent(record -> printCall(out, record));
            }
        }
        return 0;
    }

    private void printCall(PrintWriter out, CallRecord call) {
        out.printf("    %s, teams %s, flags %s, basis %s, policy %s%n",
                call.direction() == null ? "?" : call.direction().name().toLowerCase(
                        java.util.Locale.ROOT), new java.util.TreeSet<>(call.teams()),
                        new java.util.TreeSet<>(call.flags()), call.lawfulBasis(),
                call.policyVersion());
        for (CallParty party : call.parties()) {
            String who = party.staffId() != null ? "staff " + party.staffId() : "external";
            if (showPersonalData) {
                who += " " + party.address() + (party.number() == null ? ""
                        : " (" + party.number() + ")");
            }
            out.printf("    party: %s%n", who);
        }
    }
}
