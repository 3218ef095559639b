package org.callrec.examples.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.callrec.core.access.AccessMode;
import org.callrec.core.access.AccessRequest;
import org.callrec.core.access.Grants;
import org.callrec.core.access.RecordingAccess;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.examples.Workspace;
import picocli.CommandLine.Option;

/** Who asks for a recording, why, and under which policy and staff directory. */
final class AccessOptions {
    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "The policy file (YAML) whose access rule and purposes apply.")
    Path policy;

    @Option(names = "--directory", required = true, paramLabel = "FILE",
            description = "The staff directory file (YAML) that says who holds which role.")
    Path directory;

    @Option(names = "--staff", required = true, paramLabel = "ID",
            description = "The staff id of the person asking, such as manager-210.")
    String staff;

    @Option(names = "--purpose", required = true, paramLabel = "PURPOSE",
            description = "A purpose the policy lists, such as training or complaint.")
    String purpose;

    @Option(names = "--case", paramLabel = "REF",
            description = "The case reference, where the purpose needs one.")
    String caseReference;

    private Policy loaded;

    /** Returns the policy, loaded once. */
    Policy policy(Clock clock) {
        if (loaded == null) {
            loaded = new PolicyLoader(clock).load(policy);
        }
        return loaded;
    }

    /** Returns the access point over a workspace. */
    RecordingAccess access(Workspace workspace, Clock clock) {
        Policy rules = policy(clock);
        return new RecordingAccess(rules, FileStaffDirectory.load(directory),
                workspace.catalogue(), workspace.vault(),
                new Grants(rules, workspace.grants(), workspace.audit(), clock),
                workspace.audit(), clock);
    }

    /** Returns the request for one recording. */
    AccessRequest request(String recordingId, AccessMode mode) {
        return new AccessRequest(staff, purpose, caseReference, recordingId, mode);
    }
}
