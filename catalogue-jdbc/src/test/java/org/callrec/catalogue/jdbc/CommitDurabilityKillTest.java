package org.callrec.catalogue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.callrec.spi.ProviderConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM ({@link CommitKillChild}) that commits recordings to the embedded catalogue
 * with SIGKILL at random instants, and checks after each kill that every recording whose commit
 * had returned is in the database when it is opened again. SIGKILL keeps the operating system's
 * page cache, so a commit lost here is one H2 acknowledged before writing it to its file.
 *
 * <p>The normal run kills 20 times; {@code -Dcallrec.h2.kills=N} runs the long form, and
 * {@code -Dcallrec.h2.kills.seed=N} replays the instants of one run.
 */
@DisplayName("Clause 3: a recording the catalogue acknowledged survives a killed process")
class CommitDurabilityKillTest {
    private static final int NORMAL_KILLS = 20;
    private static final int WRITERS = 2;

    /** Kills land up to this long after the first acknowledgement of a round. */
    private static final int MAX_KILL_DELAY_MILLIS = 400;

    @TempDir
    Path folder;

    @Test
    void keepsEveryAcknowledgedRecordingThroughKillsAtRandomInstants() throws Exception {
        int kills = Integer.getInteger("callrec.h2.kills", NORMAL_KILLS);
        long seed = Long.getLong("callrec.h2.kills.seed", new Random().nextLong());
        Random random = new Random(seed);
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of(CatalogueSettings.DIRECTORY, folder.toString()), Clock.systemUTC()));
        List<String> lost = new ArrayList<>();
        int acknowledged = 0;

        for (int round = 0; round < kills; round++) {
            List<String> acks = runAndKill("k" + round + "-",
                    random.nextInt(MAX_KILL_DELAY_MILLIS + 1));
            acknowledged += acks.size();
            lost.addAll(missingAfterReopen(settings, acks));
        }

        assertTrue(acknowledged > kills, "the children acknowledged only " + acknowledged
                + " recordings in " + kills + " kills, too few for the kills to test anything");
        assertEquals(List.of(), lost, lost.size() + " of " + acknowledged + " acknowledged"
                + " recordings were lost over " + kills + " kills (replay with"
                + " -Dcallrec.h2.kills.seed=" + seed + ")");
    }

    private List<String> runAndKill(String prefix, int delayMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classPath, CommitKillChild.class.getName(),
                folder.toString(), prefix, String.valueOf(WRITERS))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, lines), "kill-test-reader");
        reader.setDaemon(true);
        reader.start();

        // Waiting for the first acknowledgement keeps the kill off the child's start-up, which
        // this test is not about; the child's start is bounded so a broken child fails the test.
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acks(lines).isEmpty() && process.isAlive() && System.nanoTime() < giveUpAt) {
            Thread.sleep(5);
        }
        assertTrue(process.isAlive() && !acks(lines).isEmpty(),
                "the child acknowledged nothing before it ended or the time ran out: " + lines);
        Thread.sleep(delayMillis);
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child outlived SIGKILL");
        reader.join(10_000);
        return acks(lines);
    }

    private static List<String> missingAfterReopen(CatalogueSettings settings, List<String> acks) {
        List<String> missing = new ArrayList<>();
        try (JdbcCatalogue catalogue = JdbcCatalogue.open(settings, new TestSeal())) {
            for (String id : acks) {
                boolean stored = catalogue.findRecording(id).isPresent()
                        && catalogue.retentionDeadline("call-" + id)
                                .equals(Optional.of(CommitKillChild.DEADLINE));
                if (!stored) {
                    missing.add(id);
                }
            }
        }
        return missing;
    }

    private static List<String> acks(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("ACK "))
                .map(line -> line.substring(4).strip()).toList();
    }

    private static void readLines(Process process, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child was killed mid-line; the lines it finished are kept.
        }
    }
}
