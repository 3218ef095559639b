package org.callrec.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.callrec.core.access.AccessMode;
import org.callrec.core.access.AccessRefusedException;
import org.callrec.examples.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callrec play}: plays a recording for a purpose. The tool has no audio device, so the
 * decrypted audio goes to the file named by {@code --out}, for a player to open.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Plays a recording as a member of staff, for a purpose (and case). The"
                + " tool has no audio device: the decrypted audio is written to --out FILE for"
                + " a player. The access is audited before the first byte; a refusal names the"
                + " rule that refused and exits 1.")
final class PlayCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private AccessOptions asked = new AccessOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where the decrypted audio is written; it must not exist.")
    private Path out;

    @Parameters(paramLabel = "RECORDING", description = "The recording id, rec-...")
    private String recordingId;

    @Override
    public Integer call() throws IOException {
        Logging.configure(common.verbose);
        // Checked before the access, so that no access is recorded for audio never written.
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            spec.commandLine().getErr().println("callrec: " + existsMessage(out));
            return 1;
        }
        try (Workspace workspace = Workspace.openExisting(common.data, parent.clock(),
                common.locations())) {
            long bytes;
            try (InputStream audio = asked.access(workspace, parent.clock())
                    .open(asked.request(recordingId, AccessMode.PLAY))) {
                bytes = writeNew(audio, out);
            } catch (AccessRefusedException refused) {
                spec.commandLine().getErr().println("callrec: " + refused.getMessage());
                return 1;
            }
            spec.commandLine().getOut().printf("played %s for %s (%s): %d bytes of audio"
                    + " written to %s (the tool has no audio device; open it in a player)%n",
                    recordingId, asked.staff, asked.purpose, bytes, out);
        }
        return 0;
    }

    /** Says that an output file exists and why it is left alone. */
    static String existsMessage(Path file) {
        return "output file " + file + " already exists; decrypted audio is written only to a"
                + " new file and never overwrites one";
    }

    /** Writes audio to a new owner-only file; a file left half-written is removed. */
    static long writeNew(InputStream audio, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException exists) {
            throw new FileAlreadyExistsException(file.toString(), null, existsMessage(file));
        }
        try (OutputStream target = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            return audio.transferTo(target);
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(file);
            throw failed;
        }
    }
}
