package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callrec what-if} over the demo's three calls. */
class WhatIfCommandTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    @BeforeAll
    static void runTheDemo() {
        int code = Main.run(CLOCK, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "demo", "--data",
                folder.resolve("demo").toString());
        assertEquals(0, code);
    }

    @Test
    void removingHrFromTheStopListChangesExactlyTheAttendedTransferToHr() throws Exception {
        Path policy = policyWithoutHrInStopList();

        String out = whatIf(policy);

        assertTrue(out.contains("recorded differently: call 195176c06ab8-1529941338.663"), out);
        assertTrue(out.contains("step 4 TRANSFERRED: was [STOP_RECORDING] because stopped:"
                + " transferred by attended transfer; a member of hr joined"), out);
        assertTrue(out.contains("3 call(s) replayed: 0 would start recording, 0 would stop,"
                + " 1 recorded differently, 0 kept differently, 2 unchanged; 0 recording"
                + " deadline(s) would move"), out);
        assertEquals(1, out.lines().filter(l -> l.matches("[a-z ]+: call \\S+")).count(), out);
    }

    @Test
    void theShippedPolicyChangesNothingItDecidedItself() throws Exception {
        Path policy = folder.resolve("demo/inputs/policy.yaml");

        String out = whatIf(policy);

        assertTrue(out.contains("3 call(s) replayed: 0 would start recording, 0 would stop,"
                + " 0 recorded differently, 0 kept differently, 3 unchanged"), out);
    }

    @Test
    void aShorterRetentionMovesTheDeadlineOfEveryStoredRecording() throws Exception {
        Path policy = folder.resolve("shorter.yaml");
        Files.writeString(policy, Files.readString(folder.resolve("demo/inputs/policy.yaml"))
                .replace("period: P90D", "period: P30D"));

        String out = whatIf(policy);

        assertTrue(out.contains("3 kept differently"), out);
        assertTrue(out.contains("3 recording deadline(s) would move"), out);
    }

    @Test
    void leavesTheCatalogueAndStorageByteForByteUnchanged() throws Exception {
        Map<String, String> before = digests(folder.resolve("demo/data"));

        whatIf(policyWithoutHrInStopList());

        assertEquals(before, digests(folder.resolve("demo/data")));
        assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("catalogue")), "" + before);
        assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("recordings")), "" + before);
    }

    private static String whatIf(Path policy) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(CLOCK, new PrintWriter(out), new PrintWriter(err), "what-if",
                "--policy", policy.toString(), "--since", "2000-01-01", "--data",
                folder.resolve("demo/data").toString());
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    private static Path policyWithoutHrInStopList() throws Exception {
        Path policy = folder.resolve("without-hr.yaml");
        String text = Files.readString(folder.resolve("demo/inputs/policy.yaml"));
        Files.writeString(policy, text.replace("  roles: [senior]\n  teams: [hr]\n",
                "  roles: [senior]\n  teams: []\n"));
        return policy;
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] hash = MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file));
                digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(hash));
            }
        }
        return digests;
    }
}
