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
                    + " (e.g. 2027-06-01T00:00:00Z). A time later than now is allowed only on"
                    + " the installation `callrec demo` made.")
    Instant asOf;

    /**
     * Returns the real clock, or one fixed at {@code --as-of}. A time later than now is allowed
     * only on the installation `callrec demo` made: anywhere else it would dispose of recordings
     * before their retention deadline and date audit entries in the future.
     *
     * @param data the installation's data folder
     * @throws IllegalArgumentException when {@code --as-of} is later than now outside the demo
     */
    Clock clock(Clock real, Path data) {
        if (asOf == null) {
            return real;
        }

        Instant now = real.instant();
        if (asOf.isAfter(now) && !DemoCommand.madeByTheDemo(data)) {
            throw new IllegalArgumentException("--as-of " + asOf + " is later than now (" + now
                    + "): acting as if it were later would dispose of recordings before their"
                    + " retention deadline (clause 4.2); a later time is allowed only on the"
                    + " installation `callrec demo` made");
        }
        return Clock.fixed(asOf, real.getZone());
    }

    Policy load(Clock clock) {
        return new PolicyLoader(clock).load(policy);
    }
}
