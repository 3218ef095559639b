package org.callrec.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.subject.SubjectAccess;
import org.callrec.core.subject.SubjectExport;
import org.callrec.core.subject.SubjectNumbers;
import org.callrec.core.subject.SubjectQuery;
import org.callrec.examples.Workspace;
import org.callrec.spi.directory.StaffDirectory;
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

    @Option(names = "--as", required = true, paramLabel = "STAFF",
            description = "The staff id handling the request; must hold one of the policy's"
                    + " authorised access roles. Named in the audit trail.")
    private String requestedBy;

    @Option(names = "--staff-directory", required = true, paramLabel = "FILE",
            description = "The staff directory file (YAML) that says who holds which role.")
    private Path directory;

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
        if (out.toString().isEmpty()) {
            return Refusals.usage(spec, "--out is empty; name a new or empty folder for the"
                    + " export");
        }
        // The export makes its folder by name, '..' included, so every check and the clean-up
        // after a failure look at that same path.
        Path destination = out.toAbsolutePath().normalize();
        Clock clock = policyOptions.clock(parent.clock(), common.data);
        Policy policy = policyOptions.load(clock);
        boolean folderExisted = Files.exists(destination, LinkOption.NOFOLLOW_LINKS);
        boolean started = false;
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            requireAuthorised(FileStaffDirectory.load(directory), policy.access().roles());
            requireOutsideTheInstallation(destination, common.data);
            requireNewOrEmptyFolder(destination);
            started = true;
            // Limitation: SubjectAccess itself does not check the handler's role; every caller
            // must, as this command does above.
            SubjectAccess access = new SubjectAccess(workspace.catalogue(), workspace.vault(),
                    workspace.personalData(), new SubjectNumbers("GB"), workspace.audit(), clock,
                    policy.timeZone());
            SubjectExport export = access.export(who.query(), requestedBy, destination);
            printer.printf("exported %d recording(s) to %s%n", export.recordings(), out);
            printer.printf("manifest %s (SHA-256 of each file, role, lawful basis, policy"
                    + " version)%n", export.manifest());
            printer.printf("response due by %s (one calendar month, %s, clause 4.4)%n",
                    export.responseDeadline(), policy.timeZone());
            return 0;
        } catch (RuntimeException | IOException refused) {
            if (started) {
                removeWhatThisWrote(destination, folderExisted);
            }
            return Refusals.print(spec, refused);
        }
    }

    private void requireAuthorised(StaffDirectory staff, Set<String> roles) {
        boolean authorised = staff.find(requestedBy)
                .filter(member -> member.staffId().equals(requestedBy))
                .filter(member -> roles.stream().anyMatch(member::hasRole))
                .isPresent();
        if (!authorised) {
            throw new IllegalArgumentException("staff '" + requestedBy + "' may not answer a"
                    + " subject access request: only holders of the authorised access roles "
                    + roles + " may (clauses 4.2 and 4.4)");
        }
    }

    /**
     * Decrypted audio never goes into the installation: inside {@code recordings/} it would sit
     * in the clear beside the ciphertext, and anywhere in the data folder it would outlive the
     * retention sweep, which disposes only of what the catalogue knows.
     */
    private static void requireOutsideTheInstallation(Path destination, Path data)
            throws IOException {
        Path installation = data.toAbsolutePath().normalize();
        boolean inside = destination.startsWith(installation);
        Path existing = destination;
        while (!inside && existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!inside && existing != null && Files.exists(installation)) {
            inside = existing.toRealPath().startsWith(installation.toRealPath());
        }
        if (inside) {
            throw new IllegalArgumentException("--out " + destination + " is inside the data"
                    + " folder " + installation + "; decrypted audio never goes into the"
                    + " installation, so give a folder outside it");
        }
    }

    private static void requireNewOrEmptyFolder(Path folder) throws IOException {
        if (SubjectAccess.isUnfinishedExport(folder)) {
            // A stopped export is started afresh by SubjectAccess, which removes what it wrote.
            return;
        }
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + folder + " is a folder that"
                            + " is not empty; a subject access export goes into a new or empty"
                            + " folder, or one holding an export that was stopped midway");
                }
            }
        } else if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--out " + folder + " already exists and is"
                    + " not a folder; a subject access export goes into a new or empty folder"
                    + " and never overwrites a file");
        }
    }

    /** Removes the files of a failed export, and the folder too if this command made it. */
    private static void removeWhatThisWrote(Path folder, boolean folderExisted) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            if (!folderExisted) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // Best effort: the error that stopped the export is the one reported.
        }
    }
}
