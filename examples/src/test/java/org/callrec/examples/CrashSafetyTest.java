package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.callrec.core.audit.AuditTrailVerifier;
import org.callrec.core.audit.AuditVerification;
import org.callrec.core.subject.SubjectAccess;
import org.callrec.examples.KillHarness.Child;
import org.callrec.examples.KillHarness.PlaintextScan;
import org.callrec.examples.cli.Main;
import org.callrec.spi.call.Direction;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.storage.ObjectKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety shown by killing the process: a child JVM ingests, sweeps or exports for a
 * subject access request and is killed with SIGKILL at a random instant; then the installation
 * is reopened and checked. Ingest runs in {@link IngestChild} through the {@link Workspace}; the
 * sweep and the export run the {@code callrec} tool's own {@link Main} with {@code --as-of}.
 *
 * <p>After every kill: the catalogue opens and the pending folder is empty, no partial object
 * is visible, no file outside the adapter's spool (or the export folder the user named) holds a
 * run of the source's samples, nothing acknowledged is lost, nothing is disposed of before its
 * deadline, and the audit chain verifies. After a sweep kill a fresh sweep disposes of exactly
 * the due recordings left, each ending with one receipt, no key and no object. After an export
 * kill no file looks whole that is not, the export is audited with its one-month deadline, and
 * running the same request again completes it.
 *
 * <p>Normal run: {@value KillHarness#NORMAL_KILLS} kills (12 ingest, 10 sweep, 8 export). Long
 * form: {@code -Dcallrec.kills=200}, split in the same proportions; {@code -Dcallrec.kills.seed}
 * replays a run.
 */
class CrashSafetyTest {
    private static final Instant T0 = IngestChild.T0;

    /** 23:30 UTC is already 1 April in London (summer time), so the deadline is 1 May. */
    private static final Instant AS_OF = Instant.parse("2026-03-31T23:30:00Z");

    private static final LocalDate EXPORT_DEADLINE = LocalDate.of(2026, 5, 1);

    private static final String REFERENCE = "case-kill-7";

    private static final int SUBJECT_RECORDINGS = 6;

    private static final int DUE_PER_ROUND = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Disposals a sweep reported that the kill undid; the second sweep redoes each. */
    private static final AtomicInteger UNDONE_DISPOSALS = new AtomicInteger();

    @TempDir
    Path folder;

    @Test
    void killedIngestLosesNoAcknowledgedRecordingAndLeavesNoPartObjectOrPlaintext()
            throws Exception {
        int kills = KillHarness.ingestKills();
        long seed = KillHarness.seed();
        Random random = new Random(seed);
        Path data = folder.resolve("data");
        Path source = KillHarness.writeSourceAudio(folder.resolve("source.wav"));
        byte[] audio = Files.readAllBytes(source);
        Set<String> acknowledged = new TreeSet<>();
        Set<ObjectKey> orphans = new HashSet<>();
        Set<String> decrypted = new HashSet<>();
        PlaintextScan scan = new PlaintextScan(KillHarness.sampleWindows(audio, random));
        long nextCall = 1;
        int killedMidIngest = 0;

        for (int kill = 0; kill < kills; kill++) {
            Child child = Child.start(IngestChild.class, data.toString(), source.toString(),
                    Long.toString(nextCall));
            if (random.nextInt(4) != 0) {
                assertTrue(child.firstLine.await(60, TimeUnit.SECONDS), "child never opened");
                Thread.sleep(random.nextInt(400));
            } else {
                Thread.sleep(random.nextInt(1200));
            }
            child.kill();
            List<String> acks = child.linesAfter("ACK");
            acknowledged.addAll(acks);
            nextCall += 10_000;
            killedMidIngest += acks.isEmpty() ? 0 : 1;

            String context = "ingest kill " + (kill + 1) + " of " + kills + " (seed " + seed + ")";
            checkAfterIngestKill(data, audio, acknowledged, orphans, decrypted, context);
            scan.assertNoPlaintext(data, context);
        }

        report("ingest", kills, killedMidIngest, seed);
        assertTrue(killedMidIngest > 0 || kills < 3,
                "no kill landed after a store was acknowledged");
    }

    @Test
    void killedSweepDisposesOfNothingEarlyAndASecondSweepCompletesIt() throws Exception {
        int kills = KillHarness.sweepKills();
        long seed = KillHarness.seed();
        Random random = new Random(seed);
        Path data = folder.resolve("sweep").resolve("data");
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        byte[] audio = Files.readAllBytes(inputs.audio());
        PlaintextScan scan = new PlaintextScan(KillHarness.sampleWindows(audio, random));
        Map<String, Instant> notDue = storeNotDue(data, audio);
        Set<String> due = new TreeSet<>();
        int killedMidSweep = 0;

        for (int kill = 0; kill < kills; kill++) {
            due.addAll(storeDue(data, audio, kill, random));
            Child child = Child.start(Main.class, "sweep", "--data", data.toString(),
                    "--policy", inputs.policy().toString(), "--as-of", AS_OF.toString());
            waitThenKill(child, random, () -> !child.linesAfter("disposed").isEmpty());
            Set<String> reported = new TreeSet<>(child.linesAfter("disposed"));

            String context = "sweep kill " + (kill + 1) + " of " + kills + " (seed " + seed + ")";
            Set<String> left = checkAfterSweepKill(data, notDue, due, reported, context);
            Set<String> disposedBySecond = sweepAgain(data, inputs, context);
            assertEquals(left, disposedBySecond, context + ": the second sweep must dispose of"
                    + " exactly the due recordings the killed one left");
            checkSweepComplete(data, notDue, due, context);
            scan.assertNoPlaintext(data, context);
            killedMidSweep += !reported.isEmpty() && !left.isEmpty() ? 1 : 0;
        }

        report("sweep", kills, killedMidSweep, seed);
        System.out.printf("Kill harness, sweep: %d reported disposal(s) undone by a kill and"
                + " redone by the second sweep%n", UNDONE_DISPOSALS.get());
        assertTrue(killedMidSweep > 0 || kills < 3, "no kill landed in the middle of a sweep");
    }

    @Test
    void killedSubjectAccessExportLeavesNoFileThatLooksWholeAndARerunCompletesIt()
            throws Exception {
        int kills = KillHarness.exportKills();
        long seed = KillHarness.seed();
        Random random = new Random(seed);
        Path installation = folder.resolve("sar");
        Path data = installation.resolve("data");
        DemoInputs inputs = DemoInputs.writeTo(folder.resolve("inputs"));
        byte[] audio = Files.readAllBytes(inputs.audio());
        PlaintextScan scan = new PlaintextScan(KillHarness.sampleWindows(audio, random));
        storeSubjectRecordings(data, audio);
        int killedMidExport = 0;

        for (int kill = 0; kill < kills; kill++) {
            Path out = installation.resolve("exports").resolve("request-" + kill);
            long auditBefore = auditEntries(data);
            String[] sar = {"sar", "--data", data.toString(), "--policy",
                inputs.policy().toString(), "--staff-directory",
                inputs.directoryWithRepairs().toString(), "--as", "manager-210",
                "--reference", REFERENCE, "--out", out.toString(), "--as-of", AS_OF.toString()};
            Child child = Child.start(Main.class, sar);
            waitThenKill(child, random, () -> isNotEmpty(out));

            String context = "export kill " + (kill + 1) + " of " + kills + " (seed " + seed
                    + ")";
            boolean complete = checkAfterExportKill(data, out, audio, auditBefore, context);
            scan.assertNoPlaintext(installation, out, context);
            killedMidExport += !complete && isNotEmpty(out) ? 1 : 0;
            if (!complete) {
                assertEquals(0, runTool(sar).code(), context + ": rerun of the export");
            }
            checkExportComplete(out, audio, context);
            checkExportAudited(data, auditBefore, context);
            scan.assertNoPlaintext(installation, out, context);
            deleteTree(out);
        }

        report("subject access export", kills, killedMidExport, seed);
        assertTrue(killedMidExport > 0 || kills < 3, "no kill landed in the middle of an export");
    }

    @Test
    void plaintextScanFindsACopyOfTheSourceAudioInTheDataFolder() throws IOException {
        byte[] audio = Files.readAllBytes(
                KillHarness.writeSourceAudio(folder.resolve("source.wav")));
        Path data = Files.createDirectories(folder.resolve("data"));
        byte[] file = new byte[audio.length + 2000];
        System.arraycopy(audio, 0, file, 1000, audio.length);
        Files.write(data.resolve("leak.bin"), file);
        PlaintextScan scan = new PlaintextScan(KillHarness.sampleWindows(audio, new Random(1)));

        AssertionError found = assertThrows(AssertionError.class,
                () -> scan.assertNoPlaintext(data, "control"));

        assertTrue(found.getMessage().contains("leak.bin"), found.getMessage());
    }

    /** Says what the kills hit, for the long form's record in the README. */
    private static void report(String mode, int kills, int midway, long seed) {
        System.out.printf("Kill harness, %s: %d kill(s), %d after work had begun and before it"
                + " ended; all checks passed (seed %d)%n", mode, kills, midway, seed);
    }

    /** Kills at once in a quarter of the rounds; otherwise once the work has begun, or soon. */
    private static void waitThenKill(Child child, Random random, Check begun)
            throws Exception {
        if (random.nextInt(4) == 0) {
            Thread.sleep(random.nextInt(1500));
        } else {
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!begun.holds() && child.process.isAlive() && System.nanoTime() < giveUp) {
                Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(250));
        }
        child.kill();
    }

    /** A condition the harness waits for. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws IOException;
    }

    private static void checkAfterIngestKill(Path data, byte[] audio, Set<String> acknowledged,
            Set<ObjectKey> orphans, Set<String> decrypted, String context) throws IOException {
        if (!Files.exists(data.resolve("catalogue"))) {
            return;
        }
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            assertPendingEmpty(data, context);
            List<RecordingEntry> entries = workspace.catalogue().recordings();
            Set<String> ids = entries.stream().map(RecordingEntry::recordingId)
                    .collect(Collectors.toSet());
            for (String id : acknowledged) {
                assertTrue(ids.contains(id), context + ": acknowledged " + id + " lost ("
                        + ids.size() + " catalogued, " + acknowledged.size() + " acknowledged)");
                if (decrypted.add(id)) {
                    assertDecryptsToSource(workspace, id, audio, context);
                }
            }

            Set<ObjectKey> catalogued = entries.stream().map(RecordingEntry::objectKey)
                    .collect(Collectors.toSet());
            Set<ObjectKey> stored = new HashSet<>(workspace.storage().list("recordings/"));
            Set<ObjectKey> missing = new HashSet<>(catalogued);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, context + ": catalogued without a stored object");
            Set<ObjectKey> uncatalogued = new HashSet<>(stored);
            uncatalogued.removeAll(catalogued);
            uncatalogued.removeAll(orphans);
            // Limitation: the vault commits the object before it adds the catalogue entry, so a
            // kill between the two leaves one whole object without an entry. It holds only
            // ciphertext whose wrapped key was never kept, so it can never be decrypted, and
            // it is never listed as a recording; nothing removes it yet.
            assertTrue(uncatalogued.size() <= 1, context + ": more than one object without a"
                    + " catalogue entry appeared in one kill: " + uncatalogued);
            orphans.addAll(uncatalogued);
        }
        assertAuditVerifies(data, context);
    }

    /**
     * Stores recordings the sweep must never touch: deadlines a millisecond, a second and a day
     * after the as-of instant, and one of a call still live (no deadline).
     */
    private static Map<String, Instant> storeNotDue(Path data, byte[] audio) throws IOException {
        Map<String, Instant> notDue = new HashMap<>();
        List<Duration> after = List.of(Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofDays(1));
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            for (int i = 0; i < after.size(); i++) {
                String call = "kept-" + i;
                String id = store(workspace, call, audio);
                workspace.catalogue().setRetentionDeadline(call, AS_OF.plus(after.get(i)));
                notDue.put(id, AS_OF.plus(after.get(i)));
            }
            notDue.put(store(workspace, "kept-live", audio), null);
        }
        return notDue;
    }

    /** Stores recordings due at the as-of instant (one exactly at it) for the next kill. */
    private static Set<String> storeDue(Path data, byte[] audio, int round, Random random)
            throws IOException {
        Set<String> due = new TreeSet<>();
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            for (int i = 0; i < DUE_PER_ROUND; i++) {
                String call = "due-" + round + "-" + i;
                due.add(store(workspace, call, audio));
                Duration early = i == 0 ? Duration.ZERO
                        : Duration.ofSeconds(1 + random.nextInt(90 * 24 * 3600));
                workspace.catalogue().setRetentionDeadline(call, AS_OF.minus(early));
            }
        }
        return due;
    }

    private static String store(Workspace workspace, String call, byte[] audio)
            throws IOException {
        return workspace.vault().store(call, "span-1", T0, T0.plusSeconds(30),
                new ByteArrayInputStream(audio)).recordingId();
    }

    /**
     * Checks what a killed sweep left and returns the due recordings still catalogued, which
     * the second sweep must dispose of.
     */
    private static Set<String> checkAfterSweepKill(Path data, Map<String, Instant> notDue,
            Set<String> due, Set<String> reported, String context) throws IOException {
        Set<String> left = new TreeSet<>();
        try (Workspace workspace = Workspace.open(data, Clock.fixed(AS_OF, ZoneOffset.UTC))) {
            assertPendingEmpty(data, context);
            assertNotDueKept(workspace, notDue, context);
            Map<String, Long> receipts = receiptsById(workspace);
            for (String id : reported) {
                // Limitation: H2 in file mode can lose the last commits before a kill even with
                // WRITE_DELAY=0 (seen once in about 20 sweep kills), so a disposal the sweep had
                // reported can come back as a due recording, its key perhaps destroyed. It is
                // never lost or kept past its deadline: the next sweep disposes of it again.
                boolean undone = receipts.getOrDefault(id, 0L) == 0L
                        && workspace.catalogue().findRecording(id).isPresent();
                assertTrue(receipts.getOrDefault(id, 0L) == 1L || undone, context + ": " + id
                        + " reported disposed of, neither with one receipt nor still due");
                UNDONE_DISPOSALS.addAndGet(undone ? 1 : 0);
            }
            for (String id : due) {
                boolean catalogued = workspace.catalogue().findRecording(id).isPresent();
                assertTrue(catalogued || receipts.getOrDefault(id, 0L) == 1L,
                        context + ": due " + id + " neither catalogued nor with one receipt");
                if (catalogued) {
                    left.add(id);
                }
            }
            assertNoObjectWithoutEntry(workspace, context);
        }
        assertAuditVerifies(data, context);
        return left;
    }

    /** Runs {@code callrec sweep} to its end in this JVM and returns what it disposed of. */
    private static Set<String> sweepAgain(Path data, DemoInputs inputs, String context) {
        ToolRun run = runTool("sweep", "--data", data.toString(), "--policy",
                inputs.policy().toString(), "--as-of", AS_OF.toString());

        assertEquals(0, run.code(), context + ": second sweep: " + run.output());
        return run.output().lines().map(String::strip)
                .filter(line -> line.startsWith("disposed "))
                .map(line -> line.split(" ")[1])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void checkSweepComplete(Path data, Map<String, Instant> notDue,
            Set<String> due, String context) throws IOException {
        try (Workspace workspace = Workspace.open(data, Clock.fixed(AS_OF, ZoneOffset.UTC))) {
            assertNotDueKept(workspace, notDue, context);
            Map<String, Long> receipts = receiptsById(workspace);
            Set<ObjectKey> stored = new HashSet<>(workspace.storage().list("recordings/"));
            for (String id : due) {
                assertTrue(workspace.catalogue().findRecording(id).isEmpty(),
                        context + ": due " + id + " still catalogued after the second sweep");
                assertEquals(1L, receipts.getOrDefault(id, 0L),
                        context + ": due " + id + " must end with exactly one receipt");
            }
            assertEquals(Set.of(), new HashSet<>(workspace.catalogue()
                    .dueForDisposal(AS_OF, 1000)), context + ": due recordings left");
            Set<ObjectKey> kept = workspace.catalogue().recordings().stream()
                    .map(RecordingEntry::objectKey).collect(Collectors.toSet());
            assertEquals(kept, stored, context + ": objects of disposed recordings remain");
        }
        assertAuditVerifies(data, context);
    }

    private static void assertNotDueKept(Workspace workspace, Map<String, Instant> notDue,
            String context) throws IOException {
        Set<ObjectKey> stored = new HashSet<>(workspace.storage().list("recordings/"));
        for (Map.Entry<String, Instant> kept : notDue.entrySet()) {
            RecordingEntry entry = workspace.catalogue().findRecording(kept.getKey())
                    .orElseThrow(() -> new AssertionError(context + ": " + kept.getKey()
                            + " (deadline " + kept.getValue() + ", after " + AS_OF + ") is gone"));
            assertTrue(entry.wrappedKey() != null, context + ": key of " + kept.getKey()
                    + " destroyed before its deadline " + kept.getValue());
            assertTrue(stored.contains(entry.objectKey()), context + ": object of "
                    + kept.getKey() + " deleted before its deadline " + kept.getValue());
            assertTrue(workspace.catalogue().disposalOf(kept.getKey()).isEmpty(),
                    context + ": receipt for " + kept.getKey() + " before its deadline");
        }
    }

    private static Map<String, Long> receiptsById(Workspace workspace) {
        return workspace.catalogue().disposals().stream().collect(Collectors.groupingBy(
                DisposalReceipt::recordingId, Collectors.counting()));
    }

    private static void assertNoObjectWithoutEntry(Workspace workspace, String context)
            throws IOException {
        Set<ObjectKey> catalogued = workspace.catalogue().recordings().stream()
                .map(RecordingEntry::objectKey).collect(Collectors.toSet());
        Set<ObjectKey> stored = new HashSet<>(workspace.storage().list("recordings/"));
        stored.removeAll(catalogued);
        assertEquals(Set.of(), stored, context + ": stored objects with no catalogue entry");
    }

    /** Stores the subject's call, found by its reference, and one call of someone else. */
    private static void storeSubjectRecordings(Path data, byte[] audio) throws IOException {
        try (Workspace workspace = Workspace.open(data, Clock.fixed(T0, ZoneOffset.UTC))) {
            for (String call : List.of("subject-call", "other-call")) {
                workspace.catalogue().saveCall(new CallRecord(call, Direction.INBOUND,
                        Set.of("responsive-repairs"), List.of(), List.of(), Set.of(),
                        "legitimate-interests", "1.0", T0, T0.plusSeconds(60), List.of(),
                        List.of(), List.of()));
                workspace.catalogue().setRetentionDeadline(call, AS_OF.plus(Duration.ofDays(90)));
            }
            workspace.catalogue().addReference("subject-call", REFERENCE);
            for (int i = 0; i < SUBJECT_RECORDINGS; i++) {
                store(workspace, "subject-call", audio);
            }
            store(workspace, "other-call", audio);
        }
    }

    /**
     * Checks what a killed export left: every file that bears a final name is whole, files
     * exist only if the export was audited first, and the trail verifies. Returns whether the
     * export had completed before the kill.
     */
    private static boolean checkAfterExportKill(Path data, Path out, byte[] audio,
            long auditBefore, String context) throws IOException {
        try (Workspace workspace = Workspace.open(data, Clock.fixed(AS_OF, ZoneOffset.UTC))) {
            assertPendingEmpty(data, context);
            assertNoObjectWithoutEntry(workspace, context);
        }
        assertAuditVerifies(data, context);
        if (!Files.isDirectory(out)) {
            return false;
        }
        if (Files.exists(out.resolve(SubjectAccess.MANIFEST))) {
            checkExportComplete(out, audio, context);
            return true;
        }

        List<Path> files = list(out);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.endsWith(SubjectAccess.PARTIAL)) {
                assertArrayEquals(audio, Files.readAllBytes(file), context + ": " + file
                        + " bears a final name but is not whole");
            }
        }
        if (!files.isEmpty()) {
            assertTrue(SubjectAccess.isUnfinishedExport(out), context + ": " + out);
            checkExportStartAudited(data, auditBefore, context);
        }
        return false;
    }

    private static void checkExportComplete(Path out, byte[] audio, String context)
            throws IOException {
        JsonNode manifest = JSON.readTree(out.resolve(SubjectAccess.MANIFEST).toFile());
        String sha256 = sha256(audio);

        assertEquals(EXPORT_DEADLINE.toString(), manifest.path("response-deadline").asText(),
                context + ": response deadline of the request in the manifest");
        JsonNode items = manifest.path("recordings");
        assertEquals(SUBJECT_RECORDINGS, items.size(), context + ": recordings in manifest");
        for (JsonNode item : items) {
            Path file = out.resolve(item.path("file").asText());
            assertEquals(sha256, item.path("sha256").asText(), context + ": " + file);
            assertArrayEquals(audio, Files.readAllBytes(file), context + ": " + file);
        }
        assertEquals(SUBJECT_RECORDINGS + 1, list(out).size(),
                context + ": the export folder holds the manifest and the audio, nothing else");
    }

    /** The request's audit entry, with its deadline, came before any file was written. */
    private static void checkExportStartAudited(Path data, long auditBefore, String context)
            throws IOException {
        List<JsonNode> entries = auditSince(data, auditBefore, "subject-access-export");
        assertTrue(!entries.isEmpty(), context + ": export files exist but no"
                + " subject-access-export entry was audited before them");
        for (JsonNode entry : entries) {
            assertEquals(EXPORT_DEADLINE.toString(),
                    entry.path("details").path("response-deadline").asText(),
                    context + ": response deadline audited: " + entry);
        }
    }

    private static void checkExportAudited(Path data, long auditBefore, String context)
            throws IOException {
        checkExportStartAudited(data, auditBefore, context);
        List<JsonNode> exports = auditSince(data, auditBefore, "export");
        Set<String> exported = exports.stream().map(entry -> entry.path("recording").asText())
                .collect(Collectors.toSet());
        assertEquals(SUBJECT_RECORDINGS, exported.size(),
                context + ": one export entry per recording of the subject: " + exported);
        assertAuditVerifies(data, context);
    }

    private static List<JsonNode> auditSince(Path data, long after, String action)
            throws IOException {
        List<JsonNode> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(Workspace.auditFile(data));
        for (String line : lines.subList((int) after, lines.size())) {
            JsonNode entry = JSON.readTree(line);
            if (action.equals(entry.path("action").asText())) {
                found.add(entry);
            }
        }
        return found;
    }

    private static long auditEntries(Path data) throws IOException {
        Path file = Workspace.auditFile(data);
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static void assertAuditVerifies(Path data, String context) throws IOException {
        AuditVerification verification = AuditTrailVerifier.verify(Workspace.auditFile(data));

        assertTrue(verification.isIntact(), context + ": " + verification.describe());
        assertNull(verification.problem(), context);
    }

    private static void assertPendingEmpty(Path data, String context) throws IOException {
        Path pending = data.resolve("recordings").resolve(".pending");
        if (Files.isDirectory(pending)) {
            assertEquals(List.of(), list(pending), context + ": pending folder not cleaned");
        }
    }

    private static void assertDecryptsToSource(Workspace workspace, String id, byte[] audio,
            String context) throws IOException {
        try (InputStream in = workspace.vault().open(id)) {
            assertArrayEquals(audio, in.readAllBytes(), context + ": " + id);
        }
    }

    /** Runs the {@code callrec} tool in this JVM, as the user would after a crash. */
    private static ToolRun runTool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new ToolRun(code, out + err.toString());
    }

    /** What a run of the tool printed, and its exit code. */
    private record ToolRun(int code, String output) {
    }

    private static boolean isNotEmpty(Path folder) throws IOException {
        return Files.isDirectory(folder) && !list(folder).isEmpty();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
