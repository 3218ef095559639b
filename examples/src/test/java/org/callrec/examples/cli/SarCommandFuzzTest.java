package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.stream.Stream;
import org.callrec.examples.Workspace;
import org.callrec.spi.call.Direction;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.PartyRole;
import org.callrec.testkit.fuzz.FuzzRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input to {@code callrec sar} through its picocli entry point, in process, on a real
 * embedded installation (file-system recordings, H2 catalogue, file audit trail): numbers, staff
 * ids and references written every hostile way, handlers that are not identifiers, and
 * destinations that are files, links, folders that are not empty, paths that climb, names too
 * long, an empty path, or folders inside the installation. Each run ends with exit code 0, 1
 * (one line naming the rule, no stack trace, never the number) or 2 (a usage error), within
 * {@link #BOUND} (a hang detector, not a speed check); nothing changes outside the destination
 * but the installation's own trail and catalogue; no plaintext audio lands anywhere but the
 * destination, in the test's folder or in the temporary folder. Tries: see {@link FuzzRuns}
 * ({@value #NORMAL_TRIES} in the normal build; each opens the installation).
 */
@DisplayName("Clause 4.4: the sar command survives hostile queries and destinations")
class SarCommandFuzzTest {
    static final int NORMAL_TRIES = 20;

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, Set<String>> CALLS_OF_NUMBER = Map.of(
            "+442079460123", Set.of("sar-1", "sar-3"),
            "+447700900123", Set.of("sar-2"));
    private static final Map<String, Set<String>> CALLS_OF_STAFF = Map.of(
            "agent-202", Set.of("sar-1", "sar-2"),
            "agent-201", Set.of("sar-3"));
    private static final Map<String, Set<String>> CALLS_OF_REFERENCE =
            Map.of("TEN-0042", Set.of("sar-2", "sar-3"));
    private static final String[] NUMBERS = {"+44 20 7946 0123", "020 7946 0123",
        "0044 20 7946 0123", "(020) 7946-0123", "\u0660\u0662\u0660 \u0667\u0669\u0664\u0666"
            + " \u0660\u0661\u0662\u0663", "07700 900123", "+44 7700 900456",
        "020 7946 01x23", "\u200f+44 20 7946 0123", "020\u00007946 0123", "+", "", " ",
        "0800 FLOWERS", "++44 20 7946 0123", "tel:+442079460123", "-020 7946 0123"};
    private static final String[] IDENTIFIERS = {"agent-202", "agent-201", "TEN-0042",
        "../../keys/keyset.json", "/etc/passwd", "..", "a b", "", "agent-202\u0000",
        "\u202eagent", "07700900123", "C:\\Windows", "%2e%2e/%2e%2e", "-agent", "--staff"};
    private static final String[] HANDLERS = {"agent-202", "../manager-210", "", "manager 210",
        "+44 20 7946 0123", "nobody", "manager-210\u0000", "m".repeat(10 * 1024)};

    @TempDir
    Path folder;

    private final AtomicInteger tries = new AtomicInteger();
    private final List<byte[]> audio = new ArrayList<>();
    private Path data;
    private Path policy;
    private Path directory;
    private Path exports;
    private String out;
    private String err;

    @BeforeEach
    void install() throws IOException {
        data = folder.resolve("data");
        exports = folder.resolve("exports");
        policy = copy("policy.yaml");
        directory = copy("directory-repairs.yaml");
        SplittableRandom random = new SplittableRandom(11);
        try (Workspace workspace = Workspace.open(data, CLOCK)) {
            for (String callId : List.of("sar-1", "sar-2", "sar-3")) {
                String number = owner(CALLS_OF_NUMBER, callId);
                catalogue(workspace, callId, number, owner(CALLS_OF_STAFF, callId));
                byte[] samples = new byte[16 * 1024];
                random.nextBytes(samples);
                audio.add(samples);
                workspace.vault().store(callId, "s1", CLOCK.instant().minusSeconds(590),
                        CLOCK.instant().minusSeconds(310), new ByteArrayInputStream(samples));
            }
            CALLS_OF_REFERENCE.forEach((reference, calls) -> calls.forEach(
                    callId -> workspace.catalogue().addReference(callId, reference)));
        }
    }

    @Test
    void hostileRequestsEndCleanlyAndWriteOnlyIntoTheDestination() throws IOException {
        Instant started = Instant.now().minusSeconds(1);

        FuzzRuns.forAll(NORMAL_TRIES, SarCommandFuzzTest::request, request -> {
            Path scratch = exports.resolve("try-" + tries.incrementAndGet());
            try {
                endsCleanlyWritingOnlyIntoTheDestination(request, scratch);
            } finally {
                deleteTree(scratch);
            }
        });

        assertNoAudioInTheTemporaryFolderSince(started);
    }

    @Test
    void aNumberWrittenInEveryCommonFormExportsTheSameRecordings() throws IOException {
        List<String> forms = List.of("+44 20 7946 0123", "020 7946 0123", "0044 20 7946 0123",
                "(020) 7946-0123", "+44 (0) 20 7946 0123", "020.7946.0123",
                "\u0660\u0662\u0660 \u0667\u0669\u0664\u0666 \u0660\u0661\u0662\u0663",
                "\uff10\uff12\uff10\uff17\uff19\uff14\uff16\uff10\uff11\uff12\uff13");
        List<Set<String>> exported = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();

        for (String form : forms) {
            Path out = folder.resolve("sar-" + exported.size());
            codes.add(run("sar", "--data", data.toString(), "--policy", policy.toString(),
                    "--staff-directory", directory.toString(), "--as", "manager-210",
                    "--number", form, "--out", out.toString()));
            exported.add(callsIn(out));
        }

        assertEquals(forms.stream().map(form -> 0).toList(), codes, err);
        assertEquals(forms.stream().map(form -> Set.of("sar-1", "sar-3")).toList(), exported);
    }

    @Test
    void aNumberWithALetterIsRefusedInOneLineNamingTheRuleButNotTheNumber() {
        Path out = folder.resolve("sar");

        int code = run("sar", "--data", data.toString(), "--policy", policy.toString(),
                "--staff-directory", directory.toString(), "--as", "manager-210",
                "--number", "020 7946 01x23", "--out", out.toString());

        assertEquals(1, code);
        assertEquals("callrec sar: refused: the number given (14 characters) is not a possible"
                + " phone number: it holds U+0078 at position 12, and a number is written with"
                + " digits, spaces, dashes, dots, slashes or brackets and at most one leading"
                + " '+' (clause 4.4)", err.strip());
        assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void anOutInsideTheInstallationIsRefusedAndNoAudioIsDecryptedThere() throws IOException {
        // Found by fuzzing the sar command: it exported decrypted audio into the data folder,
        // even into recordings/ beside the ciphertext, where no sweep would ever dispose of it.
        Path inside = data.resolve("recordings").resolve("sar");
        String trailBefore = Files.readString(Workspace.auditFile(data));

        int code = run("sar", "--data", data.toString(), "--policy", policy.toString(),
                "--staff-directory", directory.toString(), "--as", "manager-210",
                "--staff", "agent-202", "--out", inside.toString());

        assertEquals(1, code);
        assertTrue(err.contains(inside.toString()) && err.contains("inside the data folder")
                && err.contains("decrypted audio never goes into the installation"), err);
        assertFalse(Files.exists(inside, LinkOption.NOFOLLOW_LINKS));
        assertEquals(trailBefore, Files.readString(Workspace.auditFile(data)));
    }

    @Test
    void anOutThatClimbsThroughAMissingFolderIsExportedToTheFolderItNames() throws IOException {
        // Found by fuzzing the sar command: with '..' after a missing folder the export made
        // its folder by name but wrote through the missing one, failed, and the clean-up,
        // looking through the missing folder too, left the folder behind.
        Path climbing = folder.resolve("missing/../sar");

        int code = run("sar", "--data", data.toString(), "--policy", policy.toString(),
                "--staff-directory", directory.toString(), "--as", "manager-210",
                "--reference", "TEN-0042", "--out", climbing.toString());

        assertEquals(0, code, err);
        assertEquals(Set.of("sar-2", "sar-3"), callsIn(folder.resolve("sar")));
        assertFalse(Files.exists(folder.resolve("missing")));
    }

    @Test
    void anEmptyOutIsAUsageErrorRatherThanTheWorkingFolder() {
        int code = run("sar", "--data", data.toString(), "--policy", policy.toString(),
                "--staff-directory", directory.toString(), "--as", "manager-210",
                "--staff", "agent-202", "--out", "");

        assertEquals(2, code);
        assertEquals("callrec sar: --out is empty; name a new or empty folder for the export",
                err.strip());
    }

    private static Set<String> callsIn(Path export) throws IOException {
        Set<String> calls = new TreeSet<>();
        if (!Files.isRegularFile(export.resolve("manifest.json"))) {
            return calls;
        }
        JsonNode manifest = new ObjectMapper().readTree(export.resolve("manifest.json")
                .toFile());
        for (JsonNode item : manifest.get("recordings")) {
            calls.add(item.get("call-id").asText());
        }
        return calls;
    }

    private void endsCleanlyWritingOnlyIntoTheDestination(Request request, Path scratch)
            throws IOException {
        Path destination = request.destination().make(scratch, data);
        Map<Path, String> before = snapshot(folder);

        int code = assertTimeoutPreemptively(BOUND, () -> run(request.args(this,
                destination)));

        assertEndedCleanly(code, request);
        Map<Path, String> after = snapshot(folder);
        Path real = destination.toAbsolutePath().normalize();
        for (Path changed : changes(before, after)) {
            boolean onTheWay = code == 0 && real.startsWith(changed)
                    && "folder".equals(after.get(changed));
            assertTrue(code == 0 && changed.startsWith(real) || onTheWay
                    || isTheInstallationsOwn(changed, before, after),
                    "exit " + code + " changed " + changed + "; err: " + err);
        }
        if (code == 0) {
            assertFalse(real.startsWith(data.toAbsolutePath().normalize()),
                    "plaintext exported into the installation: " + real);
            assertExported(real, request);
        }
        assertNoAudioOutside(scratch, code == 0 ? real : null);
    }

    private void assertEndedCleanly(int code, Request request) {
        assertTrue(code == 0 || code == 1 || code == 2, "exit " + code + "; err: " + err);
        if (code == 1) {
            assertTrue(err.startsWith("callrec sar: ") || err.startsWith("callrec: "), err);
            assertEquals(1, err.strip().lines().count(), err);
        }
        if (code == 2) {
            assertFalse(err.isBlank(), "a usage error says what was wrong");
        }
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        if (request.kind().equals("--number")) {
            Matcher digits = Pattern.compile("[0-9]{6,}").matcher(request.value());
            while (digits.find()) {
                assertFalse(out.contains(digits.group()) || err.contains(digits.group()),
                        "the number was repeated: " + out + err);
            }
        }
    }

    /**
     * The audit trail (its log and head file) and the catalogue's database may change; the
     * recordings and the keys may not, and nothing else of the installation may appear.
     */
    private boolean isTheInstallationsOwn(Path changed, Map<Path, String> before,
            Map<Path, String> after) {
        Path installation = data.toAbsolutePath().normalize();
        boolean trailOrCatalogue = changed.startsWith(installation.resolve("audit"))
                || changed.startsWith(installation.resolve("catalogue"));
        return trailOrCatalogue && after.containsKey(changed);
    }

    private void assertExported(Path destination, Request request) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(destination.resolve("manifest.json")
                .toFile());
        Set<String> calls = new TreeSet<>();
        for (JsonNode item : manifest.get("recordings")) {
            byte[] file = Files.readAllBytes(destination.resolve(item.get("file").asText()));
            assertTrue(audio.stream().anyMatch(a -> Arrays.equals(a, file)), item.toString());
            calls.add(item.get("call-id").asText());
        }
        Map<String, Set<String>> index = switch (request.kind()) {
            case "--staff" -> CALLS_OF_STAFF;
            case "--reference" -> CALLS_OF_REFERENCE;
            default -> null;
        };
        if (index != null) {
            assertEquals(index.getOrDefault(request.value(), Set.of()), calls);
        } else {
            assertTrue(CALLS_OF_NUMBER.containsValue(calls) || calls.isEmpty(),
                    calls.toString());
        }
    }

    /**
     * No file of the test's folder holds stored audio but this try's destination and earlier
     * tries' destinations, each checked in its own try.
     */
    private void assertNoAudioOutside(Path scratch, Path destination) throws IOException {
        Path earlier = exports.toAbsolutePath().normalize();
        Path current = scratch.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.toAbsolutePath().normalize())
                    .filter(p -> !p.startsWith(earlier) || p.startsWith(current))
                    .filter(p -> destination == null || !p.startsWith(destination))
                    .toList()) {
                assertFalse(holdsAudio(Files.readAllBytes(file)), "plaintext audio in " + file);
            }
        }
    }

    /** Files the run may have left in the temporary folder, outside this test's own folder. */
    private void assertNoAudioInTheTemporaryFolderSince(Instant started) throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path own = folder.toAbsolutePath().normalize();
        FileTime since = FileTime.from(started);
        try (Stream<Path> files = Files.walk(temporary, 3)) {
            for (Path file : files.filter(p -> !p.toAbsolutePath().normalize().startsWith(own))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> Files.isReadable(p) && isSmallAndNewer(p, since))
                    .toList()) {
                assertFalse(holdsAudio(readIfStillThere(file)), "plaintext audio in " + file);
            }
        } catch (java.io.UncheckedIOException vanished) {
            // Other processes share the temporary folder; a file of theirs may vanish mid-walk.
        }
    }

    private static byte[] readIfStillThere(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException vanished) {
            return new byte[0];
        }
    }

    private static boolean isSmallAndNewer(Path file, FileTime since) {
        try {
            return Files.size(file) < 64L * 1024 * 1024
                    && Files.getLastModifiedTime(file).compareTo(since) >= 0;
        } catch (IOException vanished) {
            return false;
        }
    }

    private boolean holdsAudio(byte[] bytes) {
        for (byte[] samples : audio) {
            if (contains(bytes, Arrays.copyOfRange(samples, 1000, 1064))) {
                return true;
            }
        }
        return false;
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

    private static Set<Path> changes(Map<Path, String> before, Map<Path, String> after) {
        Set<Path> changed = new TreeSet<>(before.keySet());
        changed.addAll(after.keySet());
        changed.removeIf(path -> Objects.equals(before.get(path), after.get(path)));
        return changed;
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
    private static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> seen = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
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

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(CLOCK, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private Path copy(String name) throws IOException {
        Path file = folder.resolve("inputs").resolve(name);
        Files.createDirectories(file.getParent());
        try (InputStream in = SarCommandFuzzTest.class.getResourceAsStream("/callrec/" + name)) {
            Files.copy(Objects.requireNonNull(in, name), file);
        }
        return file;
    }

    private static void catalogue(Workspace workspace, String callId, String number,
            String staffId) {
        Instant now = CLOCK.instant();
        workspace.catalogue().saveCall(new CallRecord(callId, Direction.INBOUND,
                Set.of("responsive-repairs"), List.of(
                        new CallParty(PartyRole.EXTERNAL, "PJSIP/trunk-" + number, number, null),
                        new CallParty(PartyRole.STAFF, "202", null, staffId)),
                List.of(), Set.of(), "legitimate-interests", "1.0", now.minusSeconds(600),
                now.minusSeconds(300), List.of(), List.of(), List.of()));
    }

    private static String owner(Map<String, Set<String>> index, String callId) {
        return index.entrySet().stream().filter(e -> e.getValue().contains(callId))
                .findFirst().orElseThrow().getKey();
    }

    /** A kind of destination for {@code --out}, made in a scratch folder. */
    enum Destination {
        NEW_FOLDER, EMPTY_FOLDER, FOLDER_NOT_EMPTY, FILE, LINK_TO_EMPTY_FOLDER, DANGLING_LINK,
        BELOW_A_FILE, READ_ONLY_FOLDER, CLIMBING_PATH, NAME_TOO_LONG, EMPTY_PATH,
        INSIDE_THE_RECORDINGS, INSIDE_THE_INSTALLATION;

        Path make(Path scratch, Path data) throws IOException {
            Files.createDirectories(scratch);
            Path out = scratch.resolve("out");
            return switch (this) {
                case NEW_FOLDER -> out.resolve("a/b");
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
                case BELOW_A_FILE -> Files.writeString(out, "kept").resolve("sar");
                case READ_ONLY_FOLDER -> Files.createDirectory(out, PosixFilePermissions
                        .asFileAttribute(PosixFilePermissions.fromString("r-x------")));
                case CLIMBING_PATH -> scratch.resolve("missing/../out");
                case NAME_TOO_LONG -> scratch.resolve("n".repeat(300));
                case EMPTY_PATH -> Path.of("");
                case INSIDE_THE_RECORDINGS -> data.resolve("recordings").resolve(
                        scratch.getFileName().toString());
                case INSIDE_THE_INSTALLATION -> data.resolve(scratch.getFileName().toString());
            };
        }
    }

    /** One request: how the person is named, by whom, into what. */
    record Request(String kind, String value, String handler, boolean joined,
            Destination destination) {
        String[] args(SarCommandFuzzTest test, Path out) {
            List<String> args = new ArrayList<>(List.of("sar", "--data", test.data.toString(),
                    "--policy", test.policy.toString(), "--staff-directory",
                    test.directory.toString()));
            if (joined) {
                args.addAll(List.of(kind + "=" + value, "--as=" + handler, "--out=" + out));
            } else {
                args.addAll(List.of(kind, value, "--as", handler, "--out", out.toString()));
            }
            return args.toArray(new String[0]);
        }

        @Override
        public String toString() {
            return kind + " " + shown(value) + " --as " + shown(handler) + " --out "
                    + destination + (joined ? " (joined)" : "");
        }

        private static String shown(String value) {
            StringBuilder shown = new StringBuilder("'");
            value.chars().limit(60).forEach(c -> shown.append(c < 0x20 || c > 0x7e
                    ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            return shown.append(value.length() > 60 ? "'..." : "'").toString();
        }
    }

    static Request request(SplittableRandom random) {
        String kind = FuzzRuns.oneOf(random, "--number", "--number", "--staff", "--reference");
        String value = switch (random.nextInt(4)) {
            case 0 -> FuzzRuns.anyString(random, 30);
            case 1 -> random.nextBoolean() ? "9".repeat(10 * 1024)
                    : FuzzRuns.anyString(random, 10 * 1024);
            default -> kind.equals("--number") ? FuzzRuns.oneOf(random, NUMBERS)
                    : FuzzRuns.oneOf(random, IDENTIFIERS);
        };
        Destination[] destinations = Destination.values();
        String handler = random.nextInt(4) != 0 ? "manager-210"
                : FuzzRuns.oneOf(random, HANDLERS);
        return new Request(kind, value, handler, random.nextBoolean(),
                destinations[random.nextInt(destinations.length)]);
    }
}
