package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.callrec.core.access.Grants;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.examples.Workspace;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.directory.StaffDirectory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec grant}: issues, revokes and lists grants to read recordings (clause 4.2). */
@Command(name = "grant", mixinStandardHelpOptions = true,
        description = "Issues, revokes and lists grants to read recordings (clause 4.2).",
        subcommands = {GrantCommand.Add.class, GrantCommand.Revoke.class,
            GrantCommand.ListGrants.class})
final class GrantCommand implements Runnable {
    private static final String TOOL = "callrec-tool";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private CallrecCommand parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code callrec grant add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Grants a member of staff access to one recording, one call or all"
                    + " recordings, for a purpose (and case), from now until --until.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        private GrantCommand grant;

        @Spec
        private CommandSpec spec;

        @Mixin
        private CommonOptions common = new CommonOptions();

        @Option(names = "--policy", required = true, paramLabel = "FILE",
                description = "The policy file whose purposes the grant is checked against.")
        private Path policy;

        @Option(names = "--staff", required = true, paramLabel = "ID",
                description = "The staff id it is granted to.")
        private String staff;

        @Option(names = "--purpose", required = true, paramLabel = "PURPOSE",
                description = "A purpose of the policy that reads audio.")
        private String purpose;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Which which;

        @Option(names = "--case", paramLabel = "REF",
                description = "The case; required where the purpose needs one.")
        private String caseReference;

        @Option(names = "--until", paramLabel = "WHEN",
                description = "When it ends: an instant (2026-04-01T17:00:00Z) or a duration"
                        + " from now (P7D, PT8H). Default: no end until revoked.")
        private String until;

        @Option(names = "--as", required = true, paramLabel = "STAFF",
                description = "The staff id issuing it; must hold one of the policy's"
                        + " authorised access roles. Recorded as the issuer.")
        private String by;

        @Option(names = "--staff-directory", required = true, paramLabel = "FILE",
                description = "The staff directory file (YAML) that says who holds which role.")
        private Path directory;

        /** Exactly one of the scopes. */
        static final class Which {
            @Option(names = "--recording", paramLabel = "RECORDING",
                    description = "One recording.")
            String recording;

            @Option(names = "--call", paramLabel = "CALL",
                    description = "Every recording of one call.")
            String call;

            @Option(names = "--all", description = "Every recording.")
            boolean all;
        }

        @Override
        public Integer call() throws Exception {
            Logging.configure(common.verbose);
            Clock clock = grant.parent.clock();
            GrantScope scope = which.recording != null ? GrantScope.RECORDING
                    : which.call != null ? GrantScope.CALL : GrantScope.ALL;
            String target = which.recording != null ? which.recording : which.call;
            Instant end = until == null ? null : endOf(until, clock);
            try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
                Policy rules = new PolicyLoader(clock).load(policy);
                Set<String> roles = rules.access().roles();
                StaffDirectory members = FileStaffDirectory.load(directory);
                if (!holdsAny(members, by, roles)) {
                    throw new IllegalArgumentException("staff '" + by + "' may not issue a"
                            + " grant: only holders of the authorised access roles " + roles
                            + " may (clause " + rules.access().clause() + ")");
                }
                if (!holdsAny(members, staff, roles)) {
                    throw new IllegalArgumentException("staff '" + staff + "' may not be"
                            + " granted access: only holders of the authorised access roles "
                            + roles + " may read recordings (clause " + rules.access().clause()
                            + ")");
                }
                if (scope == GrantScope.RECORDING
                        && workspace.catalogue().findRecording(target).isEmpty()) {
                    throw new IllegalArgumentException("recording '" + target + "' is not in"
                            + " the catalogue, so no grant to read it is issued");
                }
                Grants grants = new Grants(rules, workspace.grants(), workspace.audit(), clock);
                Grant issued = grants.issue(by, staff, purpose, scope, target, caseReference,
                        end);
                spec.commandLine().getOut().println("granted " + issued.grantId() + ": "
                        + describe(issued, clock.instant()));
            } catch (IllegalArgumentException refused) {
                return Refusals.print(spec, refused);
            }
            return 0;
        }

        /** Whether a staff id, exactly as the directory holds it, has one of the roles. */
        private static boolean holdsAny(StaffDirectory members, String staffId,
                Set<String> roles) {
            return members.find(staffId)
                    .filter(member -> member.staffId().equals(staffId))
                    .filter(member -> roles.stream().anyMatch(member::hasRole))
                    .isPresent();
        }

        private static Instant endOf(String value, Clock clock) {
            try {
                return value.startsWith("P") ? clock.instant().plus(Duration.parse(value))
                        : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--until '" + value + "' is neither an"
                        + " instant such as 2026-04-01T17:00:00Z nor a duration such as P7D", e);
            }
        }
    }

    /** {@code callrec grant revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a grant at once.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        private GrantCommand grant;

        @Spec
        private CommandSpec spec;

        @Mixin
        private CommonOptions common = new CommonOptions();

        @Option(names = "--policy", required = true, paramLabel = "FILE",
                description = "The policy file in force.")
        private Path policy;

        @Option(names = "--by", defaultValue = TOOL, paramLabel = "ID",
                description = "Who revokes it, for the audit trail (default: ${DEFAULT-VALUE}).")
        private String by;

        @Parameters(paramLabel = "GRANT", description = "The grant id, grant-...")
        private String grantId;

        @Override
        public Integer call() throws Exception {
            Logging.configure(common.verbose);
            Clock clock = grant.parent.clock();
            try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
                Grants grants = new Grants(new PolicyLoader(clock).load(policy),
                        workspace.grants(), workspace.audit(), clock);
                Grant revoked = grants.revoke(by, grantId);
                spec.commandLine().getOut().println("revoked " + revoked.grantId() + ": "
                        + describe(revoked, clock.instant()));
            }
            return 0;
        }
    }

    /** {@code callrec grant list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every grant, with whether it stands, has expired, or was"
                    + " revoked.")
    static final class ListGrants implements Callable<Integer> {
        @ParentCommand
        private GrantCommand grant;

        @Spec
        private CommandSpec spec;

        @Mixin
        private CommonOptions common = new CommonOptions();

        @Option(names = "--staff", paramLabel = "ID", description = "Only this staff id's.")
        private String staff;

        @Override
        public Integer call() {
            Logging.configure(common.verbose);
            Clock clock = grant.parent.clock();
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
                List<Grant> grants = staff == null ? workspace.grants().grants()
                        : workspace.grants().grantsOf(staff);
                out.printf("%d grant(s) in %s%n", grants.size(), common.data);
                for (Grant each : grants) {
                    out.printf("%s  %s%n", each.grantId(), describe(each, clock.instant()));
                }
            }
            return 0;
        }
    }

    static String describe(Grant grant, Instant now) {
        String status = grant.isRevoked() ? "revoked " + grant.revokedAt()
                : grant.isValidAt(now) ? "standing"
                : now.isBefore(grant.validFrom()) ? "not yet valid" : "expired";
        String which = switch (grant.scope()) {
            case ALL -> "all recordings";
            case CALL -> "call " + grant.target();
            case RECORDING -> "recording " + grant.target();
        };
        return grant.staffId() + ", purpose " + grant.purpose()
                + (grant.caseReference() == null ? "" : ", case " + grant.caseReference())
                + ", " + which + ", from " + grant.validFrom() + " until "
                + (grant.validUntil() == null ? "revoked" : grant.validUntil())
                + ", by " + grant.grantedBy() + " [" + status + "]";
    }
}
