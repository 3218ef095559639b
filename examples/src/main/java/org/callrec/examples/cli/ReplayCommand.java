package org.callrec.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.callrec.examples.Replay;
import org.callrec.examples.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callrec replay}: replays a capture through a policy and stores what it allows. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays a telephony capture through a policy, prints the decision"
                + " timeline with clause citations, and stores what may be kept, encrypted.")
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "The policy file (YAML).")
    private Path policy;

    @Option(names = "--directory", required = true, paramLabel = "FILE",
            description = "The staff directory file (YAML).")
    private Path directory;

    @Option(names = "--capture", required = true, paramLabel = "FILE",
            description = "The telephony capture, e.g. Asterisk AMI events.")
    private Path capture;

    @Option(names = "--audio", required = true, paramLabel = "FILE",
            description = "The audio that stands for what the platform wrote for each span.")
    private Path audio;

    @Option(names = "--adapter", defaultValue = "asterisk", paramLabel = "NAME",
            description = "The telephony adapter (default: ${DEFAULT-VALUE}).")
    private String adapter;

    @Override
    public Integer call() throws Exception {
        Logging.configure(common.verbose);
        try (Workspace workspace = Workspace.open(common.data, parent.clock(),
                common.locations())) {
            var stored = new Replay(workspace, parent.clock()).run(policy, directory, capture,
                    audio, adapter, spec.commandLine().getOut());
            spec.commandLine().getOut().printf("%d recording(s) stored under %s%n",
                    stored.size(), common.data);
        }
        return 0;
    }
}
