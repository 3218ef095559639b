package org.callrec.examples.cli;

import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code callrec} command; it only groups the subcommands. */
@Command(name = "callrec",
        mixinStandardHelpOptions = true,
        version = "callrec 0.1.0-SNAPSHOT",
        description = "Makes a call recording policy executable: replays telephony captures"
                + " through a policy and keeps what it allows, encrypted.",
        subcommands = {
            ReplayCommand.class,
            RecordingsCommand.class,
            ExplainCommand.class,
            DemoCommand.class,
            AuditCommand.class,
            VerifyPolicyCommand.class,
            WhatIfCommand.class,
            HoldCommand.class,
            ReleaseCommand.class,
            SweepCommand.class,
            SarCommand.class,
            DemandCommand.class,
            PlayCommand.class,
            ExportCommand.class,
            GrantCommand.class
        })
public final class CallrecCommand implements Runnable {
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    CallrecCommand(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
