package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.RecordingEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code callrec} tool as a user runs it: exit codes, output and what it leaves on disk. */
class MainTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"),
            ZoneOffset.UTC);

    @TempDir
    Path folder;

    private Path demo;
    private Path data;
    private Path inputs;

    @BeforeEach
    void runTheDemo() {
        demo = folder.resolve("callrec-demo");
        data = demo.resolve("data");
        inputs = demo.resolve("inputs");
        Result result = run("demo", "--data", demo.toString());
        assertEquals(0, result.code, result.err);
        demoOutput = result.out;
    }

    private String demoOutput;

    @Test
    void demoStopsTheAttendedTransferToHrCitingClause33() {
        String transferLine = demoOutput.lines()
                .dropWhile(line -> !line.startsWith("== 3."))
                .filter(line -> line.contains("TRANSFERRED"))
                .findFirst().orElseThrow();

        assertTrue(transferLine.contains("STOP_RECORDING"), transferLine);
        assertTrue(transferLine.contains("(3.3)"), transferLine);
    }

    @Test
    void demoLeavesOnlyCiphertextThatDecryptsToTheSource() {
        long verified = demoOutput.lines()
                .filter(line -> line.contains("holds no WAV header and no 32-byte run")
                        && line.contains("decrypts to the exact source audio"))
                .count();

        assertEquals(3, verified, demoOutput);
        assertFalse(demoOutput.contains("CONTAINS PLAINTEXT"));
        assertFalse(demoOutput.contains("DOES NOT decrypt"));
    }

    @Test
    void demoRefusesAFolderItDidNotMake() throws IOException {
        Path other = Files.createDirectories(folder.resolve("mine"));
        Files.writeString(other.resolve("thesis.txt"), "precious");

        Result result = run("demo", "--data", other.toString());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("not made by `callrec demo`"), result.err);
        assertTrue(Files.exists(other.resolve("thesis.txt")));
    }

    @Test
    void demoNeverRemovesAPreviousDemoThatWasUsedSince() throws IOException {
        Path trail = Workspace.auditFile(data);
        List<String> lines = Files.readAllLines(trail);
        replay("queue");
        long used = Files.readAllLines(trail).size();

        Result again = run("demo", "--data", demo.toString());

        assertTrue(used > lines.size());
        assertEquals(1, again.code);
        assertTrue(again.err.contains("has been used since it ran"), again.err);
        assertEquals(used, Files.readAllLines(trail).size());
    }

    @Test
    void recordingsListsNoPhoneNumbersUnlessAsked() {
        replay("queue", "--policy", changedPolicy("mode: wait-for-evidence",
                "mode: record-and-flag"));

        Result hidden = run("recordings", "--data", data.toString());
        Result shown = run("recordings", "--data", data.toString(), "--show-personal-data");

        assertEquals(0, hidden.code, hidden.err);
        assertFalse(hidden.out.contains("+447700900101"), hidden.out);
        assertTrue(hidden.out.contains("external"));
        assertTrue(shown.out.contains("+447700900101"), shown.out);
    }

    @Test
    void explainSaysWhyEachDecisionWasTaken() {
        String callId = firstCallOf("xfer_attended_abbcac");

        Result result = run("explain", callId, "--data", data.toString());

        assertEquals(0, result.code, result.err);
        assertTrue(result.out.contains("TRANSFERRED -> [STOP_RECORDING"), result.out);
        assertTrue(result.out.contains("a member of hr joined by attended transfer"));
        assertTrue(result.out.contains("staff agent-203 teams [hr]"), result.out);
    }

    @Test
    void explainNamesAnUnknownCall() {
        Result result = run("explain", "no-such-call", "--data", data.toString());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("no call 'no-such-call'"), result.err);
    }

    @Test
    void aUsageErrorExitsWithTwo() {
        Result missing = run("replay", "--policy", "p.yaml");
        Result unknown = run("replay", "--frobnicate");

        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("Missing required options"), missing.err);
        assertEquals(2, unknown.code);
    }

    @Test
    void aMalformedCaptureIsOneLineNamingTheFileAndLineWithNothingStoredChanged()
            throws IOException {
        Map<String, String> before = storedObjects();
        Path capture = folder.resolve("broken.ami");
        Files.write(capture, ("Event: FullyBooted\r\nPrivilege: system,all\r\n\r\n"
                + "Channel: SIP/150010001-00000004\r\n\r\n").getBytes(StandardCharsets.UTF_8));

        Result result = replay(capture.toString());

        assertEquals(1, result.code);
        assertEquals(1, result.err.lines().count(), result.err);
        assertTrue(result.err.contains("broken.ami:4"), result.err);
        assertFalse(result.err.contains("\tat "), "no stack trace without --verbose");
        assertEquals(before, storedObjects());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheLine() throws IOException {
        Path capture = folder.resolve("latin1.ami");
        Files.write(capture, new byte[] {'E', 'v', 'e', 'n', 't', ':', ' ', (byte) 0xE9, '\r',
            '\n', '\r', '\n'});

        Result result = replay(capture.toString());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("latin1.ami:1"), result.err);
    }

    @Test
    void aBrokenPolicyFileNamesTheFileThePathAndTheRule() throws IOException {
        Map<String, String> before = storedObjects();
        String policy = changedPolicy("period: P90D", "period: ninety days");

        Result result = replay("plain", "--policy", policy);

        assertEquals(1, result.code);
        assertTrue(result.err.contains("policy-changed.yaml"), result.err);
        assertTrue(result.err.contains("retention.period"), result.err);
        assertTrue(result.err.contains("ninety days"), result.err);
        assertEquals(before, storedObjects());
    }

    @Test
    void aMissingFileIsNamed() {
        Result result = replay(folder.resolve("nowhere.ami").toString());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("no such file"), result.err);
        assertTrue(result.err.contains("nowhere.ami"), result.err);
    }

    @Test
    void verboseAddsTheStackTrace() {
        Result result = run("replay", "--verbose", "--data", data.toString(), "--policy",
                inputs.resolve("policy.yaml").toString(), "--directory",
                inputs.resolve("directory-hr.yaml").toString(), "--capture",
                folder.resolve("nowhere.ami").toString(), "--audio", audio());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("\tat "), result.err);
    }

    @Test
    void auditVerifyFindsTheDemoTrailIntactAndNamesAnEdit() throws IOException {
        Result intact = run("audit", "verify", "--data", data.toString());
        Path trail = Workspace.auditFile(data);
        Files.writeString(trail, Files.readString(trail).replaceFirst("\"1.0\"", "\"9.9\""));

        Result edited = run("audit", "verify", "--data", data.toString());

        assertEquals(0, intact.code, intact.err);
        assertTrue(intact.out.contains("intact: 3 entries"), intact.out);
        assertEquals(1, edited.code);
        assertTrue(edited.err.contains("line 1"), edited.err);
    }

    @Test
    void replayingACaptureAlreadyStoredChangesNothing() throws IOException {
        Map<String, String> before = storedObjects();

        Result again = replay(inputs.resolve("demo/ami/xfer_attended_abbcac.ami").toString());

        assertEquals(0, again.code, again.err);
        assertTrue(again.out.contains("ignored: the call is already catalogued"), again.out);
        assertEquals(before, storedObjects());
        String callId = firstCallOf("xfer_attended_abbcac");
        assertTrue(run("explain", callId, "--data", data.toString()).out
                .contains("a member of hr joined by attended transfer"));
    }

    @Test
    void readingCommandsRefuseAFolderWithNoInstallation() {
        Path typo = folder.resolve("calrec-demo");

        Result result = run("recordings", "--data", typo.toString());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("no Callrec installation in"), result.err);
        assertFalse(Files.exists(typo), "a mistyped folder must not become an installation");
    }

    @Test
    void aMissingKeysetIsNeverReplacedByANewOne() throws IOException {
        Path keyset = data.resolve("keys").resolve("keyset.json");
        Files.delete(keyset);

        Result listing = run("recordings", "--data", data.toString());
        Result replaying = replay("plain");

        assertEquals(1, listing.code);
        assertEquals(1, replaying.code);
        assertTrue(replaying.err.contains("restore it from a backup"), replaying.err);
        assertFalse(Files.exists(keyset));
    }

    /** Found by a newcomer: a removed trail was replaced by an empty one that verified. */
    @Test
    void aRemovedAuditTrailIsNeverReplacedByAnEmptyOne() throws IOException {
        Path trail = Workspace.auditFile(data);
        Files.delete(trail);
        Files.delete(trail.resolveSibling(trail.getFileName() + ".head"));

        Result listing = run("recordings", "--data", data.toString());
        Result replaying = replay("plain");

        assertEquals(1, listing.code);
        assertEquals(1, replaying.code);
        assertTrue(listing.err.contains("audit trail " + trail + " is missing"), listing.err);
        assertTrue(replaying.err.contains("restore it from a backup"), replaying.err);
        assertFalse(Files.exists(trail));
    }

    @Test
    void aCaptureThatIsNotARegularFileIsRefusedBeforeAnythingIsWritten() throws IOException {
        Map<String, String> before = storedObjects();
        long auditBefore = Files.readAllLines(Workspace.auditFile(data)).size();

        Result result = replay(folder.toString());

        assertEquals(1, result.code);
        assertTrue(result.err.contains("must be a readable regular file"), result.err);
        assertEquals(before, storedObjects());
        assertEquals(auditBefore, Files.readAllLines(Workspace.auditFile(data)).size());
    }

    private Result replay(String capture, String... extra) {
        String capturePath = switch (capture) {
            case "plain" -> inputs.resolve("demo/ami/ab_success_a_hangup.ami").toString();
            case "queue" -> copyTestCapture("queue_simple.ami").toString();
            default -> capture;
        };
        List<String> args = new ArrayList<>(List.of("replay", "--data", data.toString(),
                "--policy", inputs.resolve("policy.yaml").toString(), "--directory",
                inputs.resolve("directory-repairs.yaml").toString(), "--capture", capturePath,
                "--audio", audio()));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            int at = args.indexOf(extra[i]);
            args.set(at + 1, extra[i + 1]);
        }
        return run(args.toArray(String[]::new));
    }

    private String audio() {
        return inputs.resolve("demo/audio/demo-congrats.wav").toString();
    }

    private Path copyTestCapture(String name) {
        Path target = folder.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/realdata/ami/" + name)) {
            Files.copy(in, target);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return target;
    }

    private String changedPolicy(String original, String replacement) {
        try {
            String text = Files.readString(inputs.resolve("policy.yaml"));
            Path changed = folder.resolve("policy-changed.yaml");
            Files.writeString(changed, text.replace(original, replacement));
            return changed.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String firstCallOf(String capture) {
        return demoOutput.lines()
                .dropWhile(line -> !line.contains(capture + ".ami under policy"))
                .filter(line -> line.startsWith("call "))
                .map(line -> line.substring(5).strip())
                .findFirst().orElseThrow();
    }

    /** Returns every stored object's key with a checksum of its bytes. */
    private Map<String, String> storedObjects() throws IOException {
        Map<String, String> objects = new TreeMap<>();
        try (Workspace workspace = Workspace.open(data, CLOCK)) {
            for (RecordingEntry entry : workspace.catalogue().recordings()) {
                objects.put(entry.recordingId(), entry.ciphertextSha256());
            }
            for (var key : workspace.storage().list("")) {
                try (InputStream in = workspace.storage().open(key)) {
                    objects.put(key.value(), Integer.toHexString(
                            java.util.Arrays.hashCode(in.readAllBytes())));
                }
            }
        }
        return objects;
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
