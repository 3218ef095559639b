package org.callrec.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.callrec.core.access.AccessMode;
import org.callrec.core.access.AccessRefusedException;
import org.callrec.core.access.RecordingAccess;
import org.callrec.examples.Workspace;
import org.callrec.spi.audit.AuditEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callrec export}: downloads recordings for a purpose into a folder, with a manifest
 * naming each file's SHA-256. Each recording is a separate audited access. Every recording is
 * decided before any is read, so a refusal of any of them writes no audio and leaves no folder.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Downloads recordings as a member of staff, for a purpose (and case), into"
                + " a new folder with manifest.json (SHA-256 of each file). Each access is"
                + " audited before its first byte; a refusal names the rule that refused,"
                + " leaves nothing behind and exits 1.")
final class ExportCommand implements Callable<Integer> {
    /** The name of the manifest in the export folder. */
    static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common = new CommonOptions();

    @Mixin
    private AccessOptions asked = new AccessOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "A new or empty folder for the audio and manifest.json.")
    private Path out;

    @Parameters(arity = "1..*", paramLabel = "RECORDING",
            description = "The recording ids, rec-...")
    private List<String> recordingIds;

    @Override
    public Integer call() throws IOException {
        Logging.configure(common.verbose);
        requireNewOrEmptyFolder(out);
        boolean folderExisted = Files.exists(out);
        Clock clock = parent.clock();
        List<Path> written = new ArrayList<>();
        try (Workspace workspace = Workspace.openExisting(common.data, clock,
                common.locations())) {
            RecordingAccess access = asked.access(workspace, clock);
            // Every recording is decided before any is read, so a refusal of one writes none.
            for (String recordingId : new LinkedHashSet<>(recordingIds)) {
                access.requireAllowed(asked.request(recordingId, AccessMode.DOWNLOAD));
            }
            Files.createDirectories(out);
            if (!folderExisted) {
                written.add(out);
            }
            ArrayNode files = JSON.createArrayNode();
            for (String recordingId : new LinkedHashSet<>(recordingIds)) {
                files.add(exportOne(workspace, access, recordingId, written));
            }
            Path manifest = out.resolve(MANIFEST);
            written.add(manifest);
            Files.createFile(manifest, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try (OutputStream target = Files.newOutputStream(manifest,
                    StandardOpenOption.WRITE)) {
                JSON.writeValue(target, manifest(workspace, files, clock));
            }
            spec.commandLine().getOut().printf("exported %d recording(s) to %s for %s (%s);"
                    + " manifest %s%n", files.size(), out, asked.staff, asked.purpose, manifest);
            return 0;
        } catch (AccessRefusedException refused) {
            removeAll(written);
            spec.commandLine().getErr().println("callrec: " + refused.getMessage());
            return 1;
        } catch (IOException | RuntimeException failed) {
            removeAll(written);
            throw failed;
        }
    }

    private ObjectNode exportOne(Workspace workspace, RecordingAccess access,
            String recordingId, List<Path> written) throws AccessRefusedException, IOException {
        MessageDigest sha256 = sha256();
        Path file = out.resolve(recordingId + ".audio");
        long bytes;
        try (InputStream audio = new DigestInputStream(
                access.open(asked.request(recordingId, AccessMode.DOWNLOAD)), sha256)) {
            written.add(file);
            bytes = PlayCommand.writeNew(audio, file);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());

        Map<String, String> details = new TreeMap<>(Map.of("purpose", asked.purpose,
                "file", file.getFileName().toString(), "bytes", Long.toString(bytes),
                "sha256", hash));
        if (asked.caseReference != null) {
            details.put("case", asked.caseReference);
        }
        workspace.audit().append(new AuditEntry(parent.clock().instant(),
                AuditEntry.ACTION_EXPORT, asked.staff, recordingId, details));

        ObjectNode entry = JSON.createObjectNode();
        entry.put("recording", recordingId);
        workspace.catalogue().findRecording(recordingId)
                .ifPresent(found -> entry.put("call", found.callId()));
        entry.put("file", file.getFileName().toString());
        entry.put("bytes", bytes);
        entry.put("sha256", hash);
        return entry;
    }

    private ObjectNode manifest(Workspace workspace, ArrayNode files, Clock clock) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("exported-at", clock.instant().toString());
        manifest.put("staff", asked.staff);
        manifest.put("purpose", asked.purpose);
        manifest.put("case", asked.caseReference);
        manifest.put("policy-version", asked.policy(clock).version());
        manifest.set("files", files);
        return manifest;
    }

    private static void requireNewOrEmptyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("export folder " + folder + " is not"
                            + " empty; an export goes into a new or empty folder");
                }
            }
        } else if (Files.exists(folder)) {
            throw new IllegalArgumentException("export folder " + folder + " already exists"
                    + " and is not a folder; an export never overwrites a file");
        }
    }

    /** Removes what a failed export wrote, newest first, so a folder it made goes last. */
    private static void removeAll(List<Path> written) {
        for (int i = written.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(written.get(i));
            } catch (IOException e) {
                // Best effort: the error that stopped the export is the one reported.
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
