package org.callrec.core.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Logs carry recording ids and counts; never the number asked about.
 */
public final class SubjectAccess {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectAccess.class);

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
     * @throws IllegalArgumentException when a number is not a possible phone number
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

        // Limitation: each call found costs two catalogue reads (its record, about a dozen
        // queries, then its recordings), so a lookup grows with the person's calls, as it
        // should, but a person in five calls already takes near a millisecond on H2
        // (SubjectLookupBenchmark); one read of many calls' records would need a catalogue
        // method that takes them all.
        List<SubjectRecording> found = new ArrayList<>();
        for (String callId : callIds) {
            catalogue.findCall(callId).ifPresent(call -> {
                for (RecordingEntry recording : catalogue.recordingsOfCall(callId)) {
                    found.add(new SubjectRecording(recording, call, role(call, query, e164),
                            others(call, query, e164)));
                }
            });
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
     * Exports every recording the query matches to a new or empty folder: one file of decrypted
     * audio per recording and {@code manifest.json}.
     *
     * @param requestedBy the staff id handling the request, for the audit trail
     * @throws FileAlreadyExistsException when the folder exists and is not empty
     * @throws org.callrec.spi.audit.AuditWriteException when the export cannot be audited;
     *     nothing is exported
     * @throws IOException when a recording cannot be read or a file written
     */
    public SubjectExport export(SubjectQuery query, String requestedBy, Path folder)
            throws IOException {
        Objects.requireNonNull(requestedBy, "requestedBy");
        prepare(folder);
        List<SubjectRecording> found = find(query);
        Instant now = clock.instant();
        LocalDate deadline = responseDeadline();

        Map<String, String> details = new TreeMap<>();
        details.put("by", query.kind().label());
        if (query.kind() != SubjectQuery.Kind.NUMBER) {
            details.put("value", query.value());
        }
        details.put("recordings", Integer.toString(found.size()));
        details.put("response-deadline", deadline.toString());
        audit.append(new AuditEntry(now, AuditEntry.ACTION_SUBJECT_ACCESS_EXPORT, requestedBy,
                null, details));
        // One entry per recording, so that the trail answers "who has had this recording"
        // without reading manifests.
        for (SubjectRecording recording : found) {
            audit.append(new AuditEntry(now, AuditEntry.ACTION_EXPORT, requestedBy,
                    recording.recording().recordingId(),
                    Map.of("purpose", "subject-access", "response-deadline",
                            deadline.toString())));
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
        Path manifestFile = folder.resolve("manifest.json");
        try (OutputStream out = newOwnerOnlyFile(manifestFile)) {
            json.writeValue(out, manifest);
        }

        LOG.info("Subject access export by {}: {} recording(s) exported for {}",
                query.kind().label(), found.size(), requestedBy);
        return new SubjectExport(folder, manifestFile, found.size(), deadline);
    }

    private ObjectNode exportOne(ObjectMapper json, SubjectRecording found, Path folder)
            throws IOException {
        RecordingEntry entry = found.recording();
        String fileName = entry.recordingId() + ".audio";
        Path file = folder.resolve(fileName);
        MessageDigest sha256 = sha256();
        long bytes;
        try (InputStream audio = vault.open(entry.recordingId());
                OutputStream out = new DigestOutputStream(newOwnerOnlyFile(file), sha256)) {
            bytes = audio.transferTo(out);
        }

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

    private static void prepare(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(folder.toString(), null,
                            "a subject access export needs a new or empty folder");
                }
            }
        }
        Files.createDirectories(folder);
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
