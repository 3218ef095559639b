package org.callrec.examples.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import picocli.CommandLine.Option;

/** The policy file, and the clock override offered for demonstration only. */
final class PolicyOptions {
    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "The policy file (YAML); after `callrec demo`:"
                    + " callrec-demo/inputs/policy.yaml.")
    Path policy;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "FOR DEMONSTRATION ONLY: act as if the time were this instant"
                    + " (e.g. 2027-06-01T00:00:00Z), to show disposal on fresh demo data.")
    Instant asOf;

    Clock clock(Clock real) {
        return asOf == null ? real : Clock.fixed(asOf, real.getZone());
    }

    Policy load(Clock clock) {
        return new PolicyLoader(clock).load(policy);
    }
}
