package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.storage.ObjectKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of ingest (vault, {@code fs} backend, H2 catalogue), shown by killing the
 * process: a child JVM ({@link IngestChild}) stores real audio one recording after another and
 * is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) at random instants, then
 * the installation is reopened and checked: H2 opens cleanly, the pending folder is empty, the
 * stored objects are exactly the catalogued ones (no partial object visible), every
 * acknowledged recording is there and decrypts to the source, and no file in the data folder
 * holds a run of the source's samples.
 *
 * <p>Normal run: {@value #NORMAL_KILLS} kills. Long form: {@code -Dcallrec.kills=200}. Sweep and
 * subject access export kills come with issue 3.
 */
class CrashSafetyTest {
    static final int NORMAL_KILLS = 30;

    private static final int WINDOW_BYTES = 32;

    @TempDir
    Path folder;

    @Test
    void killedIngestLosesNoAcknowledgedRecordingAndLeavesNoPartObjectOrPlaintext()
            throws Exception {
        int kills = Integer.getInteger("callrec.kills", NORMAL_KILLS);
        long seed = Long.getLong("callrec.kills.seed", new Random().nextLong());
        Random random = new Random(seed);
        Path data = folder.resolve("data");
        Path source = writeSourceAudio(folder.resolve("source.wav"));
        byte[] audio = Files.readAllBytes(source);
        Set<String> acknowledged = new TreeSet<>();
        Set<ObjectKey> orphans = new HashSet<>();
        Set<String> decrypted = new HashSet<>();
        PlaintextScan scan = new PlaintextScan(sampleWindows(audio, random));
        long nextCall = 1;
        int killedMidIngest = 0;

        for (int kill = 0; kill < kills; kill++) {
            Child child = Child.start(data, source, nextCall);
            boolean afterReady = random.nextInt(4) != 0;
            if (afterReady) {
                assertTrue(child.ready.await(60, TimeUnit.SECONDS), "child never opened");
                Thread.sleep(random.nextInt(400));
            } else {
                Thread.sleep(random.nextInt(1200));
            }
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            child.reader.join(10_000);
            acknowledged.addAll(child.acks);
            nextCall += 10_000;
            killedMidIngest += child.acks.isEmpty() ? 0 : 1;

            String context = "kill " + (kill + 1) + " of " + kills + " (seed " + seed + ")";
            checkAfterKill(data, audio, acknowledged, orphans, decrypted, scan, context);
        }

        assertTrue(killedMidIngest > 0, "no kill landed after a store was acknowledged");
    }

    @Test
    void plaintextScanFindsACopyOfTheSourceAudioInTheDataFolder() throws IOException {
        byte[] audio = Files.readAllBytes(writeSourceAudio(folder.resolve("source.wav")));
        Path data = Files.createDirectories(folder.resolve("data"));
        byte[] file = new byte[audio.length + 2000];
        System.arraycopy(audio, 0, file, 1000, audio.length);
        Files.write(data.resolve("leak.bin"), file);
        PlaintextScan scan = new PlaintextScan(sampleWindows(audio, new Random(1)));

        AssertionError found = assertThrows(AssertionError.class,
                () -> scan.assertNoPlaintext(data, "control"));

        assertTrue(found.getMessage().contains("leak.bin"), found.getMessage());
    }

    private static void checkAfterKill(Path data, byte[] audio, Set<String> acknowledged,
            Set<ObjectKey> orphans, Set<String> decrypted, PlaintextScan scan, String context)
            throws IOException {
        if (!Files.exists(data.resolve("catalogue"))) {
            return;
        }
        try (Workspace workspace = Workspace.open(data, Clock.fixed(IngestChild.T0,
                ZoneOffset.UTC))) {
            Path pending = data.resolve("recordings").resolve(".pending");
            try (Stream<Path> left = Files.list(pending)) {
                assertEquals(0, left.count(), context + ": pending folder not cleaned on open");
            }

            List<RecordingEntry> entries = workspace.catalogue().recordings();
            Set<String> ids = entries.stream().map(RecordingEntry::recordingId)
                    .collect(Collectors.toSet());
            for (String id : acknowledged) {
                assertTrue(ids.contains(id), context + ": acknowledged " + id + " lost ("
                        + ids.size() + " catalogued, " + acknowledged.size() + " acknowledged)");
                if (decrypted.add(id)) {
                    try (InputStream in = workspace.vault().open(id)) {
                        assertArrayEquals(audio, in.readAllBytes(), context + ": " + id);
                    }
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
        scan.assertNoPlaintext(data, context);
    }

    /** Windows of the source with many distinct byte values, so silence cannot match. */
    private static List<byte[]> sampleWindows(byte[] audio, Random random) {
        List<byte[]> windows = new ArrayList<>();
        while (windows.size() < 24) {
            int at = 44 + random.nextInt(audio.length - 44 - WINDOW_BYTES);
            byte[] window = Arrays.copyOfRange(audio, at, at + WINDOW_BYTES);
            Set<Byte> distinct = new HashSet<>();
            for (byte b : window) {
                distinct.add(b);
            }
            if (distinct.size() >= 16) {
                windows.add(window);
            }
        }
        return windows;
    }

    private static Path writeSourceAudio(Path target) throws IOException {
        try (InputStream in = CrashSafetyTest.class
                .getResourceAsStream("/callrec/demo/audio/demo-congrats.wav")) {
            Files.copy(in, target);
        }
        return target;
    }

    /**
     * Looks for runs of the source's samples in the files of the data folder, scanning each
     * file again only when its size or time changed (stored objects never change).
     */
    private static final class PlaintextScan {
        private final Map<Long, List<byte[]>> windowsByPrefix = new HashMap<>();
        private final Map<Path, String> scanned = new HashMap<>();

        PlaintextScan(List<byte[]> windows) {
            for (byte[] window : windows) {
                windowsByPrefix.computeIfAbsent(ByteBuffer.wrap(window).getLong(),
                        k -> new ArrayList<>()).add(window);
            }
        }

        void assertNoPlaintext(Path data, String context) throws IOException {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(data)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                String version = Files.size(file) + "@" + Files.getLastModifiedTime(file);
                if (version.equals(scanned.get(file))) {
                    continue;
                }
                assertTrue(findRun(Files.readAllBytes(file)) < 0,
                        context + ": a run of the source's samples is in " + file);
                scanned.put(file, version);
            }
        }

        private int findRun(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            for (int i = 0; i + WINDOW_BYTES <= bytes.length; i++) {
                List<byte[]> candidates = windowsByPrefix.get(buffer.getLong(i));
                if (candidates == null) {
                    continue;
                }
                for (byte[] window : candidates) {
                    if (Arrays.equals(bytes, i, i + WINDOW_BYTES, window, 0, WINDOW_BYTES)) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }

    /** A running child JVM and what it has acknowledged so far. */
    private static final class Child {
        final Process process;
        final Thread reader;
        final List<String> acks = new CopyOnWriteArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::readLines, "kill-harness-reader");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static Child start(Path data, Path source, long firstCall) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path"));
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, IngestChild.class.getName(), data.toString(),
                    source.toString(), Long.toString(firstCall))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            return new Child(builder.start());
        }

        private void readLines() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                        acks.add(line.substring(4));
                    }
                }
            } catch (IOException e) {
                // The child was killed mid-line; what it acknowledged before is kept.
            }
        }
    }
}
