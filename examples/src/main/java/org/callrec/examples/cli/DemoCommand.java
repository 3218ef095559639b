package org.callrec.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.callrec.examples.DemoInputs;
import org.callrec.examples.Replay;
import org.callrec.examples.StoredAudioCheck;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.RecordingEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callrec demo}: replays three bundled real Asterisk captures (a plain call, a blind
 * transfer to a Repairs agent, an attended transfer to HR) on the embedded default storage, then
 * shows that what was stored is encrypted and decrypts back to the source.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replays bundled real Asterisk captures through the shipped policy on the"
                + " embedded default storage, and checks what was stored.")
final class DemoCommand implements Callable<Integer> {
    private static final String MARKER = ".callrec-demo";

    /** The demo's own audit entries: one policy load for each of its three replays. */
    private static final long DEMO_AUDIT_ENTRIES = 3;

    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Override
    public Integer call() throws Exception {
        Logging.configure(common.verbose);
        PrintWriter out = spec.commandLine().getOut();
        Path folder = common.data.toString().equals("callrec-data") ? Path.of("callrec-demo")
                : common.data;
        if (prepare(folder)) {
            out.printf("callrec demo: removed the previous demo in %s (made by an earlier"
                    + " `callrec demo`)%n", folder);
        }
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        out.printf("callrec demo: working in %s (inputs in %s)%n%n", folder.toAbsolutePath(),
                folder.resolve("inputs"));

        List<RecordingEntry> stored = new ArrayList<>();
        try (Workspace workspace = Workspace.open(folder.resolve("data"), parent.clock(),
                common.locations())) {
            Replay replay = new Replay(workspace, parent.clock());
            stored.addAll(scenario(out, replay, inputs, "1. a plain call: 201 (reception) calls"
                    + " 202 (responsive repairs)", "ab_success_a_hangup.ami",
                    inputs.directoryWithRepairs()));
            stored.addAll(scenario(out, replay, inputs, "2. a blind transfer to a Repairs agent:"
                    + " 202 transfers the caller to 203 (responsive repairs)",
                    "xfer_blind_abbcac.ami", inputs.directoryWithRepairs()));
            stored.addAll(scenario(out, replay, inputs, "3. an attended transfer to HR: 202"
                    + " consults 203 (hr), then transfers the caller", "xfer_attended_abbcac.ami",
                    inputs.directoryWithHr()));

            out.printf("%nchecking the %d stored recording(s):%n", stored.size());
            StoredAudioCheck check = new StoredAudioCheck(workspace, inputs.audio());
            for (RecordingEntry entry : stored) {
                out.printf("  %s%n", check.describe(entry));
            }
        }

        out.printf("%nnext: ./callrec recordings --data %s%n", folder.resolve("data"));
        out.printf("      ./callrec explain CALL --data %s%n", folder.resolve("data"));
        return 0;
    }

    private List<RecordingEntry> scenario(PrintWriter out, Replay replay, DemoInputs inputs,
            String title, String capture, Path directory) throws IOException {
        out.printf("== %s%n", title);
        out.printf("   ./callrec replay --policy %s --directory %s --capture %s --audio %s%n",
                inputs.policy(), directory, inputs.capture(capture), inputs.audio());
        List<RecordingEntry> stored = replay.run(inputs.policy(), directory,
                inputs.capture(capture), inputs.audio(), "asterisk", out);
        out.println();
        return stored;
    }

    /**
     * Empties a folder the demo made before, and refuses to touch any other folder.
     *
     * @return whether a previous demo was removed
     */
    private static boolean prepare(Path folder) throws IOException {
        boolean removed = false;
        if (Files.isDirectory(folder)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(folder)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(folder.resolve(MARKER))) {
                throw new IllegalArgumentException("folder " + folder + " is not empty and was"
                        + " not made by `callrec demo`; choose another with --data");
            }
            refuseIfUsedSince(folder);
            removed = !empty;
            deleteTree(folder);
        }
        Files.createDirectories(folder);
        Files.createFile(folder.resolve(MARKER));
        return removed;
    }

    /**
     * Returns whether a data folder is the one inside a folder `callrec demo` made, where
     * acting as if the time were later only shows what the policy would do to demo data.
     */
    static boolean madeByTheDemo(Path data) {
        Path folder = data.toAbsolutePath().normalize().getParent();
        return folder != null && Files.isRegularFile(folder.resolve(MARKER),
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A previous demo's folder that has been used since (a hold placed, a grant issued, a
     * recording played or swept) holds an audit history and perhaps held recordings: the demo
     * never deletes those, only its own untouched output.
     */
    private static void refuseIfUsedSince(Path folder) throws IOException {
        Path trail = Workspace.auditFile(folder.resolve("data"));
        if (!Files.isRegularFile(trail)) {
            return;
        }
        long entries;
        try (Stream<String> lines = Files.lines(trail)) {
            entries = lines.count();
        }
        if (entries > DEMO_AUDIT_ENTRIES) {
            throw new IllegalArgumentException("the previous demo in " + folder + " has been"
                    + " used since it ran (" + entries + " audit entries: holds, grants, access"
                    + " or disposal); it is not removed: choose another folder with --data, or"
                    + " remove it yourself");
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
