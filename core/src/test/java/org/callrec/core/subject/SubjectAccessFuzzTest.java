package org.callrec.core.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.callrec.core.FuzzRuns;
import org.callrec.core.vault.InMemoryCatalogue;
import org.callrec.core.vault.InMemoryStorageBackend;
import org.callrec.core.vault.LocalKeysetKeyProvider;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.call.Direction;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.PartyRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile subject access queries (clause 4.4): numbers written every way a person or a machine
 * might (with {@code +44} or {@code 0044}, spaces, dashes, letters, digits of other scripts,
 * direction marks, control characters, 10 KB long, empty, only {@code +}), staff ids and
 * references full of path tricks, and export destinations that are files, links, folders that
 * are not empty or paths that climb. Each query finds the same recordings however a valid number
 * is written, or is refused with an {@link InvalidSubjectQueryException} naming the rule; each
 * export writes only into the destination asked for, or is refused having written nothing at
 * all; no call runs past {@link #BOUND}, which is a hang detector, not a speed check. Tries:
 * see {@link FuzzRuns}.
 */
@DisplayName("Clause 4.4: subject access survives hostile queries and destinations")
class SubjectAccessFuzzTest {
    /** Far beyond what any of these calls takes; only a hang reaches it. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> STORED =
            List.of("+442079460123", "+442079460999", "+447700900123", "+441632960001");
    private static final List<String> NOT_STORED = List.of("+442079460555", "+447700900456");
    private static final Map<String, Set<String>> CALLS_OF_NUMBER = Map.of(
            STORED.get(0), Set.of("call-1", "call-3"),
            STORED.get(1), Set.of("call-2"),
            STORED.get(2), Set.of("call-4"),
            STORED.get(3), Set.of("call-5"));
    private static final Map<String, Set<String>> CALLS_OF_STAFF = Map.of(
            "agent-202", Set.of("call-1", "call-4"),
            "agent-201", Set.of("call-2", "call-5"),
            "agent-203", Set.of("call-3"));
    private static final Map<String, Set<String>> CALLS_OF_REFERENCE = Map.of(
            "TEN-0042", Set.of("call-2"),
            "CMP/2026/7", Set.of("call-4", "call-5"));
    /** Zeros of scripts whose decimal digits a number may be written in. */
    private static final char[] ZEROS = {'0', '\u0660', '\u06f0', '\u0966', '\u09e6', '\uff10'};
    private static final String[] SEPARATORS = {" ", "-", ".", "/", "\u00a0", "", " - "};
    /** Characters a number is not written with, each of which once slipped through or may. */
    private static final String[] INTRUDERS = {"x", "X", "l", "O", "e", "ext", "#", "*", ",",
        ";", "+", "\u0000", "\u0007", "\t", "\n", "\r", "\u200f", "\u200e", "\u202e",
        "\u200b", "\ufeff", "\ud800", "\u00b2", "\u2013", "\u00bd", ":", "tel:"};
    private static final String[] PATH_PARTS = {"..", "/", "\\", "../", "..\\", "/etc/passwd",
        "C:\\", "%2e%2e", "\uff0e\uff0e", "~", "\u0000", "agent-202", "TEN-0042", "a", "-",
        ".", " ", "\u202e", "CMP/2026/7", "rec-0", "*", "?", "07700900123", "\n"};

    @TempDir
    Path temp;

    private final List<AuditEntry> trail = new ArrayList<>();
    private final AtomicInteger tries = new AtomicInteger();
    private Path exports;
    private final Map<String, byte[]> audioOfRecording = new HashMap<>();
    private InMemoryCatalogue catalogue;
    private LocalKeysetKeyProvider keys;
    private SubjectAccess access;

    @BeforeEach
    void open() throws IOException {
        exports = temp.resolve("exports");
        PersonalDataKeyset seal = PersonalDataKeyset.open(temp.resolve("pd"));
        catalogue = new InMemoryCatalogue(seal);
        keys = new LocalKeysetKeyProvider(temp.resolve("keys/keyset.bin"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RecordingVault vault =
                new RecordingVault(new InMemoryStorageBackend(), keys, catalogue, clock);
        AuditSink audit = new AuditSink() {
            @Override
            public void append(AuditEntry entry) {
                trail.add(entry);
            }

            @Override
            public void close() {
            }
        };
        access = new SubjectAccess(catalogue, vault, seal, new SubjectNumbers("GB"), audit,
                clock, ZoneId.of("Europe/London"));
        storeCalls(vault);
    }

    @AfterEach
    void close() {
        keys.close();
    }

    private void storeCalls(RecordingVault vault) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int call = 1; call <= 5; call++) {
            String callId = "call-" + call;
            String number = CALLS_OF_NUMBER.entrySet().stream()
                    .filter(e -> e.getValue().contains(callId)).findFirst().orElseThrow()
                    .getKey();
            String staff = CALLS_OF_STAFF.entrySet().stream()
                    .filter(e -> e.getValue().contains(callId)).findFirst().orElseThrow()
                    .getKey();
            catalogue.saveCall(new CallRecord(callId, Direction.INBOUND, Set.of("reception"),
                    List.of(new CallParty(PartyRole.EXTERNAL, "PJSIP/trunk-" + number, number,
                            null), new CallParty(PartyRole.STAFF, "202", null, staff)),
                    List.of(), Set.of(), "legitimate-interests", "1.0", NOW.minusSeconds(600),
                    NOW.minusSeconds(300), List.of(), List.of(), List.of()));
            byte[] audio = new byte[4096];
            random.nextBytes(audio);
            String recordingId = vault.store(callId, "s1", NOW.minusSeconds(590),
                    NOW.minusSeconds(310), new ByteArrayInputStream(audio)).recordingId();
            audioOfRecording.put(recordingId, audio);
        }
        CALLS_OF_REFERENCE.forEach((reference, calls) -> calls.forEach(
                callId -> catalogue.addReference(callId, reference)));
    }

    @Test
    void aValidNumberFindsTheSameRecordingsHoweverItIsWritten() {
        FuzzRuns.forAll(400, SubjectAccessFuzzTest::writtenNumber, written -> {
            List<SubjectRecording> found = bounded(
                    () -> access.find(SubjectQuery.byNumber(written.text())));

            assertEquals(CALLS_OF_NUMBER.getOrDefault(written.e164(), Set.of()),
                    callIds(found), written.toString());
        });
    }

    @Test
    void aNumberWithACharacterNumbersAreNotWrittenWithIsRefusedWithoutRepeatingIt() {
        FuzzRuns.forAll(400, SubjectAccessFuzzTest::numberWithIntruder, text -> {
            InvalidSubjectQueryException refused = assertThrows(
                    InvalidSubjectQueryException.class,
                    () -> bounded(() -> access.find(SubjectQuery.byNumber(text))));

            assertRefusalOfNumber(refused, text);
        });
    }

    @Test
    void anyTextAsANumberFindsOnlyThatNumbersRecordingsOrIsRefusedClearly() {
        FuzzRuns.forAll(600, SubjectAccessFuzzTest::anyNumberText, text -> {
            List<SubjectRecording> found;
            try {
                found = bounded(() -> access.find(SubjectQuery.byNumber(text)));
            } catch (InvalidSubjectQueryException refused) {
                assertRefusalOfNumber(refused, text);
                return;
            }

            String e164 = new SubjectNumbers("GB").toE164(text);
            assertEquals(CALLS_OF_NUMBER.getOrDefault(e164, Set.of()), callIds(found));
        });
    }

    @Test
    void anyStaffIdOrReferenceFindsItsCallsOrIsRefusedNamingTheValueAndTheRule() {
        FuzzRuns.forAll(600, SubjectAccessFuzzTest::identifierQuery, query -> {
            List<SubjectRecording> found;
            try {
                found = bounded(() -> access.find(query.build()));
            } catch (InvalidSubjectQueryException refused) {
                assertRefusalOfIdentifier(refused, query);
                return;
            }

            Map<String, Set<String>> index = query.kind() == SubjectQuery.Kind.STAFF
                    ? CALLS_OF_STAFF : CALLS_OF_REFERENCE;
            assertEquals(index.getOrDefault(query.value(), Set.of()), callIds(found));
        });
    }

    @Test
    void anExportWritesOnlyIntoTheDestinationAskedForOrRefusesHavingWrittenNothing() {
        FuzzRuns.forAll(80, SubjectAccessFuzzTest::exportAttempt, attempt -> {
            Path scratch = exports.resolve("try-" + tries.incrementAndGet());
            try {
                exportsIntoDestinationOrNothing(scratch, attempt);
            } finally {
                deleteTree(scratch);
            }
        });
    }

    @Test
    void largeHostileQueriesLeaveNothingHeldOnceAnsweredOrRefused() {
        long before = usedHeapAfterGc();

        FuzzRuns.forAll(1000, SubjectAccessFuzzTest::largeQuery, query -> {
            try {
                bounded(() -> access.find(query.build()));
            } catch (InvalidSubjectQueryException refused) {
                assertRefusalOf(refused, query);
            }
        });

        // A thousand queries of 32 KB characters each are 64 MB if anything kept them.
        long grown = usedHeapAfterGc() - before;
        assertTrue(grown < 16L * 1024 * 1024, "used heap after GC grew by " + grown + " bytes");
    }

    @Test
    void aLetterInANumberIsRefusedRatherThanReadAsAnExtensionOrAKeypadDigit() {
        // Found by fuzzing subject access: libphonenumber read 'x' as an extension mark and 'l'
        // as a keypad digit, so that these became the possible numbers +44020794601 and
        // +44207946023, and a slip could find another person's recordings.
        for (String slip : List.of("020 7946 01x23", "020 7946 0l23", "0800 FLOWERS")) {
            InvalidSubjectQueryException refused = assertThrows(
                    InvalidSubjectQueryException.class,
                    () -> access.find(SubjectQuery.byNumber(slip)));

            assertTrue(refused.getMessage().contains("the number given (" + slip.length()
                    + " characters) is not a possible phone number: it holds U+"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("digits, spaces, dashes"),
                    refused.getMessage());
            assertEquals(SubjectQuery.Kind.NUMBER, refused.kind());
        }
    }

    @Test
    void aDirectionMarkOrControlCharacterInANumberIsRefusedNamingItsCodePointAndPosition() {
        // Found by fuzzing subject access: a right-to-left mark before '+44' was skipped silently.
        String marked = "\u200f+44 20 7946 0123";
        String nul = "020 7946\u0000 0123";

        InvalidSubjectQueryException markRefused = assertThrows(
                InvalidSubjectQueryException.class,
                () -> access.find(SubjectQuery.byNumber(marked)));
        InvalidSubjectQueryException nulRefused = assertThrows(
                InvalidSubjectQueryException.class,
                () -> access.find(SubjectQuery.byNumber(nul)));

        assertTrue(markRefused.getMessage().contains("U+200F at position 1"),
                markRefused.getMessage());
        assertTrue(nulRefused.getMessage().contains("U+0000 at position 9"),
                nulRefused.getMessage());
    }

    @Test
    void aTenMegabyteQueryIsRefusedByItsLengthNamingTheLimit() {
        String huge = "0".repeat(10 * 1024 * 1024);

        InvalidSubjectQueryException number = assertThrows(InvalidSubjectQueryException.class,
                () -> bounded(() -> access.find(SubjectQuery.byNumber(huge))));
        InvalidSubjectQueryException staff = assertThrows(InvalidSubjectQueryException.class,
                () -> bounded(() -> SubjectQuery.byStaff("a" + huge)));

        assertTrue(number.getMessage().contains("(10485760 characters)")
                && number.getMessage().contains("at most " + SubjectNumbers.MAX_LENGTH),
                number.getMessage());
        assertTrue(staff.getMessage().contains("'a000") && staff.getMessage()
                .contains("(10485761 characters)") && staff.getMessage().contains("1 to 128"),
                staff.getMessage());
    }

    @Test
    void aStaffIdWithASpaceIsRefusedBeforeAnyFolderIsMadeOrAnythingAudited() {
        // Found by fuzzing subject access: the audit trail refused the value only after the
        // export's folder had been made, so a refused request left an empty folder behind.
        Path out = temp.resolve("sar");

        InvalidSubjectQueryException refused = assertThrows(InvalidSubjectQueryException.class,
                () -> access.export(SubjectQuery.byReference("TEN 0042"), "manager-210", out));

        assertTrue(refused.getMessage().contains("'TEN 0042' is not one"),
                refused.getMessage());
        assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), trail);
    }

    @Test
    void aReferenceInTheFormOfAPhoneNumberIsRefusedWithoutRepeatingIt() {
        InvalidSubjectQueryException refused = assertThrows(InvalidSubjectQueryException.class,
                () -> SubjectQuery.byReference("07700900123"));

        assertTrue(refused.getMessage().contains("has the form of a phone number"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("07700900123"), refused.getMessage());
    }

    @Test
    void aSymbolicLinkAsDestinationIsRefusedAndNothingLandsWhereItPoints() throws IOException {
        // Found by fuzzing subject access: the export followed a link to an empty folder elsewhere.
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("sar"), elsewhere);

        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                () -> access.export(SubjectQuery.byStaff("agent-202"), "manager-210", link));

        assertTrue(refused.getMessage().contains(link.toString())
                && refused.getMessage().contains("symbolic link"), refused.getMessage());
        try (Stream<Path> landed = Files.list(elsewhere)) {
            assertEquals(List.of(), landed.toList());
        }
        assertEquals(List.of(), trail);
    }

    @Test
    void aFileAsDestinationIsRefusedSayingAFileIsNeverOverwritten() throws IOException {
        Path file = Files.writeString(temp.resolve("kept.txt"), "kept");

        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                () -> access.export(SubjectQuery.byStaff("agent-202"), "manager-210", file));

        assertTrue(refused.getMessage().contains(file.toString())
                && refused.getMessage().contains("never overwrites a file"),
                refused.getMessage());
        assertEquals("kept", Files.readString(file));
    }

    @Test
    void aDestinationThatClimbsThroughAMissingFolderIsTakenByNameAndExportedThere()
            throws IOException {
        // Found by fuzzing subject access: the folder was made by name ('x/..' dropped) but
        // the files were written through the missing 'x', so the export failed after it had
        // been audited and its folder made.
        Path climbing = temp.resolve("missing/../sar");

        SubjectExport export = access.export(SubjectQuery.byStaff("agent-202"), "manager-210",
                climbing);

        assertEquals(temp.resolve("sar"), export.folder());
        assertEquals(2, export.recordings());
        assertTrue(Files.isRegularFile(temp.resolve("sar/manifest.json")));
        assertFalse(Files.exists(temp.resolve("missing")));
    }

    @Test
    void anEmptyDestinationPathIsRefusedRatherThanTakenForTheWorkingFolder() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> access.export(SubjectQuery.byStaff("agent-202"), "manager-210",
                        Path.of("")));

        assertTrue(refused.getMessage().contains("the path given is empty"),
                refused.getMessage());
        assertEquals(List.of(), trail);
    }

    private void exportsIntoDestinationOrNothing(Path scratch, ExportAttempt attempt)
            throws IOException {
        Path destination = attempt.destination().make(scratch);
        Map<Path, String> before = snapshot(temp);
        int audited = trail.size();

        SubjectExport export;
        try {
            export = bounded(() -> access.export(attempt.query().build(),
                    attempt.requestedBy(), destination));
        } catch (InvalidSubjectQueryException refused) {
            assertRefusalOf(refused, attempt.query());
            assertNothingWritten(before, audited);
            return;
        } catch (IllegalArgumentException | IOException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
            if (refused instanceof FileSystemException) {
                assertTrue(refused.getMessage().contains(destination.getFileName().toString()),
                        refused.getMessage());
            }
            assertNothingWritten(before, audited);
            return;
        }

        Path real = destination.toAbsolutePath().normalize();
        Map<Path, String> after = snapshot(temp);
        for (Map.Entry<Path, String> entry : after.entrySet()) {
            // The folders on the way to a new destination are made too, and hold nothing else.
            boolean onTheWay = real.startsWith(entry.getKey()) && entry.getValue()
                    .equals("folder");
            if (!entry.getValue().equals(before.get(entry.getKey())) && !onTheWay) {
                assertTrue(entry.getKey().startsWith(real), "written outside " + real + ": "
                        + entry.getKey());
            }
        }
        assertExportMatchesManifest(export, attempt.query().build());
        assertNoAudioOutside(scratch, real);
    }

    private void assertNothingWritten(Map<Path, String> before, int audited) throws IOException {
        Map<Path, String> after = snapshot(temp);
        Set<Path> changed = new TreeSet<>(before.keySet());
        changed.addAll(after.keySet());
        changed.removeIf(path -> Objects.equals(before.get(path), after.get(path)));
        assertEquals(Set.of(), changed, "a refused export changed these");
        assertEquals(audited, trail.size(), "a refused export was audited");
    }

    private void assertExportMatchesManifest(SubjectExport export, SubjectQuery query)
            throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(export.manifest().toFile());
        Set<String> calls = new TreeSet<>();
        for (JsonNode item : manifest.get("recordings")) {
            byte[] file = Files.readAllBytes(export.folder().resolve(item.get("file").asText()));
            assertTrue(Arrays.equals(audioOfRecording.get(item.get("recording-id").asText()),
                    file), item.toString());
            calls.add(item.get("call-id").asText());
        }
        Map<String, Set<String>> index = switch (query.kind()) {
            case NUMBER -> CALLS_OF_NUMBER;
            case STAFF -> CALLS_OF_STAFF;
            case REFERENCE -> CALLS_OF_REFERENCE;
        };
        String key = query.kind() == SubjectQuery.Kind.NUMBER
                ? new SubjectNumbers("GB").toE164(query.value()) : query.value();
        assertEquals(index.getOrDefault(key, Set.of()), calls);
        assertEquals(calls.size(), export.recordings());
    }

    /**
     * No file of the temporary folder holds stored audio but those in this try's destination
     * and in earlier tries' destinations (each checked in its own try).
     */
    private void assertNoAudioOutside(Path scratch, Path destination) throws IOException {
        Path earlier = exports.toAbsolutePath().normalize();
        Path current = scratch.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.toAbsolutePath().normalize())
                    .filter(p -> !p.startsWith(earlier) || p.startsWith(current))
                    .filter(p -> !p.startsWith(destination))
                    .toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (byte[] audio : audioOfRecording.values()) {
                    assertFalse(contains(bytes, Arrays.copyOf(audio, 64)),
                            "plaintext audio in " + file);
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Removes a try's scratch folder, so that the folder walked stays small however long. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    path.toFile().setWritable(true, true);
                }
                Files.deleteIfExists(path);
            }
        }
    }

    /** Every path under a folder with what it is: a folder, a link and its target, or a file. */
    private static Map<Path, String> snapshot(Path folder) throws IOException {
        Map<Path, String> seen = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                Path absolute = path.toAbsolutePath().normalize();
                if (Files.isSymbolicLink(path)) {
                    seen.put(absolute, "link to " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    seen.put(absolute, "folder");
                } else {
                    seen.put(absolute, "file " + Files.size(path) + " "
                            + Files.getLastModifiedTime(path).toMillis());
                }
            }
        }
        return seen;
    }

    private static void assertRefusalOf(InvalidSubjectQueryException refused,
            IdentifierQuery query) {
        if (query.kind() == SubjectQuery.Kind.NUMBER) {
            assertRefusalOfNumber(refused, query.value());
        } else {
            assertRefusalOfIdentifier(refused, query);
        }
    }

    private static void assertRefusalOfNumber(InvalidSubjectQueryException refused,
            String text) {
        String message = refused.getMessage();
        assertEquals(SubjectQuery.Kind.NUMBER, refused.kind());
        assertTrue(message.contains("(" + text.length() + " characters)"), message);
        assertTrue(message.contains("(clause 4.4)"), message);
        assertTrue(message.contains("blank") || message.contains("not a possible phone number"),
                message);
        Matcher digits = Pattern.compile("[0-9]{6,}").matcher(text);
        while (digits.find()) {
            assertFalse(message.contains(digits.group()), "the number is repeated: " + message);
        }
    }

    private static void assertRefusalOfIdentifier(InvalidSubjectQueryException refused,
            IdentifierQuery query) {
        String message = refused.getMessage();
        assertEquals(query.kind(), refused.kind());
        assertTrue(message.contains("(clause 4.4)"), message);
        assertTrue(message.contains(query.kind().label()), message);
        assertTrue(message.contains(InvalidSubjectQueryException.shown(query.value()))
                || message.contains("blank") || message.contains("form of a phone number"),
                message);
    }

    private static Set<String> callIds(List<SubjectRecording> found) {
        return found.stream().map(r -> r.recording().callId()).collect(Collectors.toSet());
    }

    /**
     * Runs a call under the hang bound. What the call throws is rethrown as it is; the
     * declared {@code IOException} lets callers catch the one an export may throw.
     */
    private static <T> T bounded(ThrowingSupplier<T> call) throws IOException {
        return assertTimeoutPreemptively(BOUND, call);
    }

    /** A number, and a way it was written. */
    record WrittenNumber(String e164, String text) {
        @Override
        public String toString() {
            return e164 + " written as '" + InvalidSubjectQueryException.shown(text) + "'";
        }
    }

    /** A query by kind and value, built when it is tried so that building is tried too. */
    record IdentifierQuery(SubjectQuery.Kind kind, String value) {
        SubjectQuery build() {
            return new SubjectQuery(kind, value);
        }

        @Override
        public String toString() {
            return kind.label() + " " + InvalidSubjectQueryException.shown(value);
        }
    }

    /** A kind of destination for an export, made in a scratch folder. */
    enum Destination {
        NEW_FOLDER, NESTED_NEW_FOLDER, EMPTY_FOLDER, FOLDER_NOT_EMPTY, FILE,
        LINK_TO_EMPTY_FOLDER, DANGLING_LINK, LINK_TO_FILE, BELOW_A_FILE, READ_ONLY_FOLDER,
        BELOW_READ_ONLY_FOLDER, CLIMBING_PATH, NAME_TOO_LONG, EMPTY_PATH;

        Path make(Path scratch) throws IOException {
            Files.createDirectories(scratch);
            Path out = scratch.resolve("out");
            return switch (this) {
                case NEW_FOLDER -> out;
                case NESTED_NEW_FOLDER -> out.resolve("a/b/c");
                case EMPTY_FOLDER -> Files.createDirectory(out);
                case FOLDER_NOT_EMPTY -> {
                    Files.createDirectory(out);
                    Files.writeString(out.resolve("other.txt"), "other");
                    yield out;
                }
                case FILE -> Files.writeString(out, "kept");
                case LINK_TO_EMPTY_FOLDER -> Files.createSymbolicLink(out,
                        Files.createDirectory(scratch.resolve("elsewhere")));
                case DANGLING_LINK -> Files.createSymbolicLink(out, scratch.resolve("nowhere"));
                case LINK_TO_FILE -> Files.createSymbolicLink(out,
                        Files.writeString(scratch.resolve("kept.txt"), "kept"));
                case BELOW_A_FILE -> Files.writeString(out, "kept").resolve("sar");
                case READ_ONLY_FOLDER -> Files.createDirectory(out, PosixFilePermissions
                        .asFileAttribute(PosixFilePermissions.fromString("r-x------")));
                case BELOW_READ_ONLY_FOLDER -> Files.createDirectory(out, PosixFilePermissions
                        .asFileAttribute(PosixFilePermissions.fromString("r-x------")))
                        .resolve("sar");
                case CLIMBING_PATH -> scratch.resolve("x/../y/./../../" + scratch.getFileName()
                        + "/out");
                case NAME_TOO_LONG -> scratch.resolve("n".repeat(300));
                case EMPTY_PATH -> Path.of("");
            };
        }
    }

    /** An export: what is asked for, by whom, into what. */
    record ExportAttempt(IdentifierQuery query, String requestedBy, Destination destination) {
    }

    static WrittenNumber writtenNumber(SplittableRandom random) {
        String e164 = random.nextInt(4) == 0 ? FuzzRuns.oneOf(random, NOT_STORED.toArray(
                new String[0])) : STORED.get(random.nextInt(STORED.size()));
        String national = e164.substring(3);
        List<String> groups = new ArrayList<>();
        for (int cut = 0; cut < national.length(); ) {
            int next = Math.min(national.length(), cut + 1 + random.nextInt(5));
            groups.add(national.substring(cut, next));
            cut = next;
        }
        String prefix = FuzzRuns.oneOf(random, "+44", "0044", "0", "+44 (0)", "+44(0)",
                "0044 (0)");
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "" : " ");
        if (prefix.equals("0") && random.nextInt(3) == 0) {
            text.append("(0").append(groups.get(0)).append(')');
        } else {
            text.append(prefix).append(FuzzRuns.oneOf(random, SEPARATORS)).append(groups.get(0));
        }
        for (String group : groups.subList(1, groups.size())) {
            text.append(FuzzRuns.oneOf(random, SEPARATORS)).append(group);
        }
        text.append(random.nextBoolean() ? "" : " ");
        return new WrittenNumber(e164, inScript(random, text.toString()));
    }

    /** Writes the digits in one script, or each in a script of its own. */
    private static String inScript(SplittableRandom random, String text) {
        boolean mixed = random.nextInt(4) == 0;
        char zero = ZEROS[random.nextInt(ZEROS.length)];
        StringBuilder written = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= '0' && c <= '9') {
                char z = mixed ? ZEROS[random.nextInt(ZEROS.length)] : zero;
                written.append((char) (z + (c - '0')));
            } else {
                written.append(c);
            }
        }
        return written.toString();
    }

    static String numberWithIntruder(SplittableRandom random) {
        String text = writtenNumber(random).text();
        String intruder = FuzzRuns.oneOf(random, INTRUDERS);
        // A '+' before the first digit is the leading '+' a number may have.
        int firstDigit = 0;
        while (!Character.isDigit(text.charAt(firstDigit))) {
            firstDigit++;
        }
        int at = intruder.equals("+") ? random.nextInt(firstDigit + 1, text.length() + 1)
                : random.nextInt(text.length() + 1);
        return text.substring(0, at) + intruder + text.substring(at);
    }

    static String anyNumberText(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> FuzzRuns.anyString(random, 40);
            case 1 -> FuzzRuns.string(random, "0123456789+ -().", 30);
            case 2 -> FuzzRuns.oneOf(random, "", " ", "+", "++", "00", "0044", "+44", "0",
                    "\u0000", "\u200f", "()", "-", "+ ", "\u00a0");
            case 3 -> FuzzRuns.string(random, "0123456789", 10 * 1024);
            case 4 -> FuzzRuns.anyString(random, 10 * 1024);
            case 5 -> numberWithIntruder(random);
            default -> writtenNumber(random).text();
        };
    }

    static IdentifierQuery largeQuery(SplittableRandom random) {
        SubjectQuery.Kind kind = FuzzRuns.oneOf(random, SubjectQuery.Kind.values());
        String unit = kind == SubjectQuery.Kind.NUMBER ? writtenNumber(random).text()
                : FuzzRuns.oneOf(random, PATH_PARTS);
        StringBuilder text = new StringBuilder(32 * 1024 + unit.length());
        while (text.length() < 32 * 1024) {
            text.append(random.nextInt(8) == 0 ? FuzzRuns.anyString(random, 16) : unit);
        }
        return new IdentifierQuery(kind, text.toString());
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                .getUsed();
    }

    static IdentifierQuery identifierQuery(SplittableRandom random) {
        SubjectQuery.Kind kind = random.nextBoolean() ? SubjectQuery.Kind.STAFF
                : SubjectQuery.Kind.REFERENCE;
        String value = switch (random.nextInt(5)) {
            case 0 -> FuzzRuns.anyString(random, 40);
            case 1 -> FuzzRuns.oneOf(random, "agent-202", "agent-201", "TEN-0042",
                    "CMP/2026/7", "manager-210");
            case 2 -> "a".repeat(random.nextInt(120, 140));
            case 3 -> FuzzRuns.anyString(random, 10 * 1024);
            default -> {
                StringBuilder text = new StringBuilder();
                int parts = 1 + random.nextInt(5);
                for (int i = 0; i < parts; i++) {
                    text.append(FuzzRuns.oneOf(random, PATH_PARTS));
                }
                yield text.toString();
            }
        };
        return new IdentifierQuery(kind, value);
    }

    static ExportAttempt exportAttempt(SplittableRandom random) {
        IdentifierQuery query = switch (random.nextInt(4)) {
            case 0 -> new IdentifierQuery(SubjectQuery.Kind.NUMBER,
                    writtenNumber(random).text());
            case 1 -> new IdentifierQuery(SubjectQuery.Kind.NUMBER, anyNumberText(random));
            default -> identifierQuery(random);
        };
        String requestedBy = random.nextInt(6) != 0 ? "manager-210"
                : FuzzRuns.oneOf(random, "", "../manager", "a b", "+44 20 7946 0123",
                        "m".repeat(10 * 1024), "/etc/passwd", "manager\u0000");
        Destination[] destinations = Destination.values();
        return new ExportAttempt(query, requestedBy,
                destinations[random.nextInt(destinations.length)]);
    }
}
