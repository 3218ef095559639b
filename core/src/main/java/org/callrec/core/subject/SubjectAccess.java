package org.callrec.core.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.CallRecordings;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.PartyRole;
import org.callrec.spi.catalogue.PersonalDataSeal;
import org.callrec.spi.catalogue.RecordingEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a subject access request (clause 4.4): finds every recording in which a person took
 * part, as caller or as staff, by number, staff id or attached reference, and exports them to a
 * folder with a manifest.
 *
 * <p>Lookups go through the catalogue's indexes: a number is normalised to E.164 and found by
 * its blind index, never by decrypting every call. The export is written to the audit trail
 * before a byte of audio is decrypted (if the entry cannot be written, nothing is exported), and
 * the audio streams from the vault to the folder without being held in memory. The manifest
 * gives each file's SHA-256, the person's role in each call, the lawful basis and policy
 * version, the other parties with their numbers masked, and the response deadline.
 *
 * <p>An export is complete when, and only when, its folder holds {@code manifest.json}: each
 * file is written under a {@value #PARTIAL} name, forced to disk and renamed, the manifest last,
 * so a process stopped mid-export never leaves a file that looks whole and is not. A folder
 * holding such an {@linkplain #isUnfinishedExport unfinished export} may be given again; what
 * the stopped export wrote is removed and the export starts afresh.
 *
 * <p>Logs carry recording ids and counts; never the number asked about.
 */
public final class SubjectAccess {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectAccess.class);

    /** The ending of a file that is still being written. */
    public static final String PARTIAL = ".partial";

    /** The name of the file that lists an export, written last. */
    public static final String MANIFEST = "manifest.json";

    private static final String AUDIO = ".audio";

    private final Catalogue catalogue;
    private final RecordingVault vault;
    private final PersonalDataSeal seal;
    private final SubjectNumbers numbers;
    private final AuditSink audit;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * Creates the subject access desk.
     *
     * @param catalogue finds calls and recordings
     * @param vault decrypts recordings for export
     * @param seal gives the blind index of a number
     * @param numbers normalises numbers as written
     * @param audit receives the export entry before any audio is read
     * @param clock the time of the request
     * @param zone the policy's time zone, in which the response deadline is counted
     */
    public SubjectAccess(Catalogue catalogue, RecordingVault vault, PersonalDataSeal seal,
            SubjectNumbers numbers, AuditSink audit, Clock clock, ZoneId zone) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.seal = Objects.requireNonNull(seal, "seal");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Finds every recording the query matches, oldest call first.
     *
     * @throws InvalidSubjectQueryException when a number is not a possible phone number as
     *     written (see {@link SubjectNumbers#toE164})
     */
    public List<SubjectRecording> find(SubjectQuery query) {
        Objects.requireNonNull(query, "query");
        String e164 = query.kind() == SubjectQuery.Kind.NUMBER
                ? numbers.toE164(query.value()) : null;
        Set<String> callIds = switch (query.kind()) {
            case NUMBER -> catalogue.callsWithNumberIndex(seal.blindIndex(e164));
            case STAFF -> catalogue.callsWithStaff(query.value());
            case REFERENCE -> catalogue.callsWithReference(query.value());
        };

        // All the calls found are read at once, so that a catalogue able to answer many calls
        // in a few queries makes the lookup grow with the person's calls only slightly.
        // Limitation: each call is read whole, its events and decisions with their sealed
        // addresses opened (about a dozen AES-GCM decryptions a call), though finding needs
        // only the parties; a lighter read would change what SubjectRecording.call() holds.
        List<SubjectRecording> found = new ArrayList<>();
        for (CallRecordings recorded : catalogue.recordingsOfCalls(callIds)) {
            CallRecord call = recorded.call();
            String role = role(call, query, e164);
            List<String> others = others(call, query, e164);
            for (RecordingEntry recording : recorded.recordings()) {
                found.add(new SubjectRecording(recording, call, role, others));
            }
        }
        LOG.info("Subject access by {}: {} call(s), {} recording(s)", query.kind().label(),
                callIds.size(), found.size());
        return found;
    }

    /** Returns the response deadline of a request made now: one calendar month, local date. */
    public LocalDate responseDeadline() {
        return LocalDate.ofInstant(clock.instant(), zone).plusMonths(1);
    }

    /**
     * Exports every recording the query matches to a new or empty folder, or one holding an
     * unfinished export: one file of decrypted audio per recording and {@code manifest.json}.
     *
     * <p>The folder is named by {@code destination} with {@code .} and {@code ..} resolved by
     * name, not by following links. A request that is refused (a malformed query, a handler id
     * the audit trail cannot hold, a destination that is not a new or empty folder) is refused
     * before any folder is made or anything is audited.
     *
     * @param requestedBy the staff id handling the request, for the audit trail
     * @param destination the folder to export into: new, existing and empty, or holding an
     *     export that was stopped midway
     * @throws InvalidSubjectQueryException when the query breaks the rule for its kind
     * @throws IllegalArgumentException when the handler's id is not an identifier the audit
     *     trail holds, or the folder's path is empty
     * @throws FileAlreadyExistsException when the folder exists and is neither empty nor an
     *     unfinished export, or is a file or a symbolic link
     * @throws org.callrec.spi.audit.AuditWriteException when the export cannot be audited;
     *     nothing is exported
     * @throws IOException when a recording cannot be read or a file written
     */
    public SubjectExport export(SubjectQuery query, String requestedBy, Path destination)
            throws IOException {
        Objects.requireNonNull(requestedBy, "requestedBy");
        Path folder = absolute(destination);
        // Everything that can refuse the request (the query, the handler's id in the trail)
        // does so before a folder is made, so that a refused request leaves nothing behind.
        List<SubjectRecording> found = find(query);
        Instant now = clock.instant();
        LocalDate deadline = responseDeadline();
        List<AuditEntry> entries = auditEntries(query, requestedBy, found, now, deadline);

        prepare(folder);
        for (AuditEntry entry : entries) {
            audit.append(entry);
        }

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("requested-at", now.toString());
        manifest.put("requested-by", requestedBy);
        manifest.put("searched-by", query.kind().label());
        manifest.put("response-deadline", deadline.toString());
        manifest.put("response-deadline-rule", "one calendar month from the request, in "
                + zone + " (clause 4.4)");
        ArrayNode items = manifest.putArray("recordings");
        for (SubjectRecording recording : found) {
            items.add(exportOne(json, recording, folder));
        }
        Path manifestFile = folder.resolve(MANIFEST);
        try (OutputStream out = newOwnerOnlyFile(partial(manifestFile))) {
            json.writeValue(out, manifest);
        }
        complete(manifestFile);

        LOG.info("Subject access export by {}: {} recording(s) exported for {}",
                query.kind().label(), found.size(), requestedBy);
        return new SubjectExport(folder, manifestFile, found.size(), deadline);
    }

    private static List<AuditEntry> auditEntries(SubjectQuery query, String requestedBy,
            List<SubjectRecording> found, Instant now, LocalDate deadline) {
        Map<String, String> details = new TreeMap<>();
        details.put("by", query.kind().label());
        if (query.kind() != SubjectQuery.Kind.NUMBER) {
            details.put("value", query.value());
        }
        details.put("recordings", Integer.toString(found.size()));
        details.put("response-deadline", deadline.toString());
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(new AuditEntry(now, AuditEntry.ACTION_SUBJECT_ACCESS_EXPORT, requestedBy,
                null, details));
        // One entry per recording, so that the trail answers "who has had this recording"
        // without reading manifests.
        for (SubjectRecording recording : found) {
            entries.add(new AuditEntry(now, AuditEntry.ACTION_EXPORT, requestedBy,
                    recording.recording().recordingId(),
                    Map.of("purpose", "subject-access", "response-deadline",
                            deadline.toString())));
        }
        return entries;
    }

    private ObjectNode exportOne(ObjectMapper json, SubjectRecording found, Path folder)
            throws IOException {
        RecordingEntry entry = found.recording();
        String fileName = entry.recordingId() + AUDIO;
        Path file = folder.resolve(fileName);
        MessageDigest sha256 = sha256();
        long bytes;
        try (InputStream audio = vault.open(entry.recordingId());
                OutputStream out = new DigestOutputStream(newOwnerOnlyFile(partial(file)),
                        sha256)) {
            bytes = audio.transferTo(out);
        }
        complete(file);

        CallRecord call = found.call();
        ObjectNode item = json.createObjectNode();
        item.put("recording-id", entry.recordingId());
        item.put("call-id", entry.callId());
        item.put("file", fileName);
        item.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        item.put("bytes", bytes);
        item.put("recorded-from", entry.spanStartedAt().toString());
        item.put("recorded-until", entry.spanEndedAt().toString());
        item.put("call-started", String.valueOf(call.startedAt()));
        item.put("direction", String.valueOf(call.direction()));
        item.put("role", found.role());
        item.put("lawful-basis", call.lawfulBasis());
        item.put("policy-version", call.policyVersion());
        item.put("retention-deadline", String.valueOf(entry.retentionDeadline()));
        ArrayNode others = item.putArray("other-parties");
        found.otherParties().forEach(others::add);
        return item;
    }

    private static String role(CallRecord call, SubjectQuery query, String e164) {
        if (query.kind() == SubjectQuery.Kind.REFERENCE) {
            return "referenced";
        }
        List<CallParty> parties = call.parties();
        for (int i = 0; i < parties.size(); i++) {
            if (isThePerson(parties.get(i), query, e164)) {
                if (parties.get(i).role() == PartyRole.STAFF) {
                    return "staff";
                }
                return i == 0 ? "caller" : "called";
            }
        }
        return "party";
    }

    private static List<String> others(CallRecord call, SubjectQuery query, String e164) {
        List<String> others = new ArrayList<>();
        for (CallParty party : call.parties()) {
            if (!isThePerson(party, query, e164)) {
                String who = party.role() == PartyRole.STAFF ? "staff" : "external";
                String shown = party.number() != null ? party.number() : party.address();
                others.add(who + " " + mask(shown));
            }
        }
        return others;
    }

    private static boolean isThePerson(CallParty party, SubjectQuery query, String e164) {
        return switch (query.kind()) {
            case NUMBER -> e164.equals(party.number());
            case STAFF -> query.value().equals(party.staffId());
            case REFERENCE -> false;
        };
    }

    /** Keeps the last two characters of a number or address; the rest become '*'. */
    static String mask(String value) {
        int keep = Math.min(2, value.length() / 4);
        return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    /**
     * Returns whether a folder holds what a stopped export left: no manifest, and nothing but
     * files an export writes (audio, and files still being written). A folder holding anything
     * else, such as the user's own files, is not one, so it is never emptied.
     *
     * @throws IOException when the folder cannot be listed
     */
    public static boolean isUnfinishedExport(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(folder.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.allMatch(SubjectAccess::isWrittenByExport);
        }
    }

    private static boolean isWrittenByExport(Path entry) {
        String name = entry.getFileName().toString();
        boolean named = name.endsWith(AUDIO) || name.endsWith(AUDIO + PARTIAL)
                || name.equals(MANIFEST + PARTIAL);
        return named && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns the destination as an absolute path with {@code .} and {@code ..} taken by name.
     * The folders are made by name, so the files must be written by the same name: written
     * through {@code x/..} they would fail when {@code x} does not exist, after the export had
     * been audited and its folder made.
     */
    private static Path absolute(Path destination) {
        Objects.requireNonNull(destination, "destination");
        // An empty path is the working folder, which nobody means as an export's destination.
        if (destination.toString().isEmpty()) {
            throw new IllegalArgumentException("a subject access export needs a folder to go"
                    + " into, and the path given is empty");
        }
        return destination.toAbsolutePath().normalize();
    }

    /**
     * Makes the folder, or checks that it is an empty folder. A symbolic link is refused, even
     * to an empty folder: the audio would land wherever the link points, which is not the
     * destination the request named.
     */
    private static void prepare(Path folder) throws IOException {
        // Limitation: a destination inside the storage backend's own folder is not refused
        // here, since the backend's location is not known to this class; the sar command
        // refuses one inside its data folder, and other callers must choose with care.
        if (Files.isSymbolicLink(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null,
                    "is a symbolic link; a subject access export goes into a new or empty"
                            + " folder, never through a link");
        }
        if (isUnfinishedExport(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.toList()) {
                    Files.delete(entry);
                }
            }
            LOG.warn("Subject access export: removed what an export stopped midway had"
                    + " written; starting afresh");
        }
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(folder.toString(), null,
                            "a subject access export needs a new or empty folder, or one"
                                    + " holding an export that was stopped midway");
                }
            }
            return;
        }
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(folder.toString(), null,
                    "is not a folder; a subject access export goes into a new or empty folder"
                            + " and never overwrites a file");
        }
        Files.createDirectories(folder);
    }

    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + PARTIAL);
    }

    /** Forces a written file to disk and gives it its final name, so it is whole if it is seen. */
    private static void complete(Path file) throws IOException {
        Path written = partial(file);
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Creates a new file readable by its owner only. The permissions are set as the file is
     * created, so the audio is never readable by others, even for a moment.
     */
    private static OutputStream newOwnerOnlyFile(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(file, StandardOpenOption.WRITE);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
