package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the kill harness ({@link CrashSafetyTest}) shares between its modes: the number of kills
 * each mode gets, the source audio, a child JVM that is killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux), and the scan for plaintext on disk.
 */
final class KillHarness {
    /** Kills in the normal test run, across the three modes. */
    static final int NORMAL_KILLS = 30;

    private static final int WINDOW_BYTES = 32;

    private KillHarness() {
    }

    /** Returns the kills of all modes: {@code -Dcallrec.kills=N}, or the normal run's. */
    static int totalKills() {
        return Integer.getInteger("callrec.kills", NORMAL_KILLS);
    }

    /** Returns the sweep's share of the kills: a third (10 of the normal 30). */
    static int sweepKills() {
        return totalKills() / 3;
    }

    /** Returns the subject access export's share of the kills: 8 in 30. */
    static int exportKills() {
        return totalKills() * 8 / 30;
    }

    /** Returns ingest's share of the kills: the rest (12 of the normal 30). */
    static int ingestKills() {
        return totalKills() - sweepKills() - exportKills();
    }

    /** Returns the seed of this run: {@code -Dcallrec.kills.seed=N} replays one. */
    static long seed() {
        return Long.getLong("callrec.kills.seed", new Random().nextLong());
    }

    /** Writes the bundled demo audio, real speech, to a file and returns it. */
    static Path writeSourceAudio(Path target) throws IOException {
        try (InputStream in = KillHarness.class
                .getResourceAsStream("/callrec/demo/audio/demo-congrats.wav")) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Windows of the source with many distinct byte values, so silence cannot match. */
    static List<byte[]> sampleWindows(byte[] audio, Random random) {
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

    /**
     * Looks for runs of the source's samples in the files under a folder, scanning each file
     * again only when its size or time changed (stored objects never change).
     */
    static final class PlaintextScan {
        private final Map<Long, List<byte[]>> windowsByPrefix = new HashMap<>();
        private final Map<Path, String> scanned = new HashMap<>();

        PlaintextScan(List<byte[]> windows) {
            for (byte[] window : windows) {
                windowsByPrefix.computeIfAbsent(ByteBuffer.wrap(window).getLong(),
                        k -> new ArrayList<>()).add(window);
            }
        }

        /** Fails naming the first file under a folder that holds a run of the source. */
        void assertNoPlaintext(Path folder, String context) throws IOException {
            assertNoPlaintext(folder, null, context);
        }

        /**
         * Fails naming the first file under a folder, outside the one place plaintext belongs
         * (which may be null), that holds a run of the source.
         */
        void assertNoPlaintext(Path folder, Path allowed, String context) throws IOException {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(file -> allowed == null || !file.startsWith(allowed))
                        .toList();
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

    /** A running child JVM and the lines it has printed so far. */
    static final class Child {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch firstLine = new CountDownLatch(1);
        private final Thread reader;

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::readLines, "kill-harness-reader");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        /** Starts a class's {@code main} in a child JVM on the test class path. */
        static Child start(Class<?> main, String... args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
                    main.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            return new Child(builder.start());
        }

        /** Kills the child with SIGKILL and waits until it and its output have ended. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child outlived SIGKILL");
            reader.join(10_000);
        }

        /** Returns the lines printed so far that begin with a word, without it. */
        List<String> linesAfter(String word) {
            return lines.stream().map(String::strip).filter(line -> line.startsWith(word + " "))
                    .map(line -> line.substring(word.length() + 1).split(" ")[0])
                    .toList();
        }

        private void readLines() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    firstLine.countDown();
                }
            } catch (IOException e) {
                // The child was killed mid-line; what it printed before is kept.
            }
        }
    }
}
