package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.callrec.examples.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 on the tool, tried as a new user would after the demo. */
class AccessCommandsTest {
    private static final String CASE = "CMP-2026-0042";

    @TempDir
    Path folder;

    private String out;
    private String err;

    @Test
    void aManagerPlaysOnlyWithAGrantAndNotAfterItIsRevoked() throws Exception {
        Path demo = folder.resolve("demo");
        assertEquals(0, run("demo", "--data", demo.toString()));
        String data = demo.resolve("data").toString();
        String policy = demo.resolve("inputs/policy.yaml").toString();
        String directory = demo.resolve("inputs/directory-repairs.yaml").toString();
        run("recordings", "--data", data);
        Matcher id = Pattern.compile("(?m)^(rec-[0-9a-f]{32})").matcher(out);
        assertTrue(id.find(), out);
        String recording = id.group(1);
        Path heard = folder.resolve("heard.wav");
        String[] play = {"play", "--data", data, "--policy", policy, "--directory", directory,
            "--staff", "manager-210", "--purpose", "complaint", "--case", CASE,
            "--out", heard.toString(), recording};

        int withoutGrant = run(play);
        String refusal = err;
        run("grant", "add", "--data", data, "--policy", policy, "--staff-directory", directory,
                "--as", "manager-210", "--staff", "manager-210",
                "--purpose", "complaint", "--case", CASE, "--recording", recording,
                "--until", "P7D");
        Matcher grant = Pattern.compile("granted (grant-[0-9a-f]+)").matcher(out);
        int withGrant = run(play);
        byte[] audio = Files.readAllBytes(heard);
        Files.delete(heard);
        assertTrue(grant.find(), out);
        run("grant", "revoke", "--data", data, "--policy", policy, grant.group(1));
        int afterRevocation = run(play);
        String revokedRefusal = err;
        int verified = run("audit", "verify", "--data", data);

        assertEquals(1, withoutGrant);
        assertTrue(refusal.contains("no-grant"), refusal);
        assertEquals(0, withGrant);
        assertArrayEquals(Files.readAllBytes(demo.resolve("inputs/demo/audio/demo-congrats.wav")),
                audio);
        assertEquals(1, afterRevocation);
        assertTrue(revokedRefusal.contains("no-grant"), revokedRefusal);
        assertFalse(Files.exists(heard), "a refused play writes nothing");
        assertEquals(0, verified, err);
    }

    @Test
    void aSubjectAccessRequestIsAnsweredOnlyByAnAuthorisedRoleIntoOwnerOnlyFiles()
            throws Exception {
        Path demo = folder.resolve("demo");
        assertEquals(0, run("demo", "--data", demo.toString()));
        String data = demo.resolve("data").toString();
        String policy = demo.resolve("inputs/policy.yaml").toString();
        String directory = demo.resolve("inputs/directory-repairs.yaml").toString();
        Path refusedOut = folder.resolve("sar-refused");
        Path out = folder.resolve("sar");

        int byAgent = run("sar", "--data", data, "--policy", policy, "--staff-directory",
                directory, "--as", "agent-202", "--staff", "agent-202", "--out",
                refusedOut.toString());
        String refusal = err;
        int byManager = run("sar", "--data", data, "--policy", policy, "--staff-directory",
                directory, "--as", "manager-210", "--staff", "agent-202", "--out",
                out.toString());
        String trail = Files.readString(Workspace.auditFile(demo.resolve("data")));

        assertEquals(1, byAgent);
        assertTrue(refusal.contains("'agent-202'") && refusal.contains("[manager]")
                && refusal.contains("authorised access roles"), refusal);
        assertEquals(1, refusal.strip().lines().count(), refusal);
        assertFalse(Files.exists(refusedOut), "a refused request leaves no folder");
        assertEquals(0, byManager, err);
        try (Stream<Path> files = Files.list(out)) {
            List<Path> written = files.toList();
            assertTrue(written.size() > 1, written.toString());
            for (Path file : written) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file)), file.toString());
            }
        }
        assertTrue(trail.lines().anyMatch(line -> line.contains("subject-access-export")
                && line.contains("manager-210")), trail);
    }

    @Test
    void anInvalidSubjectAccessRequestLeavesNoFolderAndAFileIsNeverOverwritten()
            throws Exception {
        Path demo = folder.resolve("demo");
        assertEquals(0, run("demo", "--data", demo.toString()));
        String data = demo.resolve("data").toString();
        String policy = demo.resolve("inputs/policy.yaml").toString();
        String directory = demo.resolve("inputs/directory-repairs.yaml").toString();
        Path out = folder.resolve("sar");
        Path existing = Files.writeString(folder.resolve("kept.txt"), "kept");

        int invalid = run("sar", "--data", data, "--policy", policy, "--staff-directory",
                directory, "--as", "manager-210", "--number", "not a number", "--out",
                out.toString());
        int onFile = run("sar", "--data", data, "--policy", policy, "--staff-directory",
                directory, "--as", "manager-210", "--staff", "agent-202", "--out",
                existing.toString());
        String fileRefusal = err;

        assertEquals(1, invalid);
        assertFalse(Files.exists(out), "an invalid request leaves no folder");
        assertEquals(1, onFile);
        assertTrue(fileRefusal.contains(existing.toString())
                && fileRefusal.contains("already exists")
                && fileRefusal.contains("never overwrites"), fileRefusal);
        assertEquals("kept", Files.readString(existing));
    }

    @Test
    void anExportWithOneRecordingRefusedReadsNoneAndLeavesNoFolder() throws Exception {
        Path demo = folder.resolve("demo");
        assertEquals(0, run("demo", "--data", demo.toString()));
        String data = demo.resolve("data").toString();
        String policy = demo.resolve("inputs/policy.yaml").toString();
        String directory = demo.resolve("inputs/directory-repairs.yaml").toString();
        run("recordings", "--data", data);
        Matcher ids = Pattern.compile("(?m)^(rec-[0-9a-f]{32})").matcher(out);
        assertTrue(ids.find(), out);
        String granted = ids.group(1);
        assertTrue(ids.find(), out);
        String notGranted = ids.group(1);
        assertEquals(0, run("grant", "add", "--data", data, "--policy", policy,
                "--staff-directory", directory, "--as", "manager-210", "--staff",
                "manager-210", "--purpose", "complaint", "--case", CASE, "--recording", granted,
                "--until", "P7D"), err);
        Path exported = folder.resolve("export");

        int code = run("export", "--data", data, "--policy", policy, "--directory", directory,
                "--staff", "manager-210", "--purpose", "complaint", "--case", CASE,
                "--out", exported.toString(), granted, notGranted);
        String trail = Files.readString(Workspace.auditFile(demo.resolve("data")));

        assertEquals(1, code);
        assertTrue(err.contains("no-grant") && err.contains(notGranted), err);
        assertFalse(Files.exists(exported), "a refused export leaves no folder");
        assertFalse(trail.contains("access-granted"), "no recording was read: " + trail);
    }

    @Test
    void onlyAnAuthorisedRoleIssuesAGrantToAnAuthorisedRoleForACataloguedRecording()
            throws Exception {
        Path demo = folder.resolve("demo");
        assertEquals(0, run("demo", "--data", demo.toString()));
        String data = demo.resolve("data").toString();
        String policy = demo.resolve("inputs/policy.yaml").toString();
        String directory = demo.resolve("inputs/directory-repairs.yaml").toString();
        run("recordings", "--data", data);
        Matcher id = Pattern.compile("(?m)^(rec-[0-9a-f]{32})").matcher(out);
        assertTrue(id.find(), out);
        String recording = id.group(1);
        String unknown = "rec-" + "0".repeat(32);

        int byAgent = grant(data, policy, directory, "agent-202", "manager-210", recording);
        String byAgentRefusal = err;
        int toAgent = grant(data, policy, directory, "manager-210", "agent-202", recording);
        String toAgentRefusal = err;
        int forUnknown = grant(data, policy, directory, "manager-210", "manager-210", unknown);
        String unknownRefusal = err;
        int byManager = grant(data, policy, directory, "manager-210", "manager-210", recording);
        String issued = out;
        run("grant", "list", "--data", data);
        String listed = out;

        assertEquals(1, byAgent);
        assertTrue(byAgentRefusal.contains("'agent-202' may not issue a grant")
                && byAgentRefusal.contains("[manager]"), byAgentRefusal);
        assertEquals(1, toAgent);
        assertTrue(toAgentRefusal.contains("'agent-202' may not be granted")
                && toAgentRefusal.contains("[manager]"), toAgentRefusal);
        assertEquals(1, forUnknown);
        assertTrue(unknownRefusal.contains(unknown) && unknownRefusal.contains("not in the"
                + " catalogue"), unknownRefusal);
        assertEquals(1, unknownRefusal.strip().lines().count(), unknownRefusal);
        assertEquals(0, byManager, err);
        assertTrue(issued.contains("by manager-210"), issued);
        assertTrue(listed.startsWith("1 grant(s)"), listed);
    }

    private int grant(String data, String policy, String directory, String by, String to,
            String recording) {
        return run("grant", "add", "--data", data, "--policy", policy, "--staff-directory",
                directory, "--as", by, "--staff", to, "--purpose", "complaint", "--case", CASE,
                "--recording", recording, "--until", "P7D");
    }

    @Test
    void playingToAnExistingFileSaysItIsNeverOverwritten() throws Exception {
        Path demo = folder.resolve("demo");
        assertEquals(0, run("demo", "--data", demo.toString()));
        String data = demo.resolve("data").toString();
        String policy = demo.resolve("inputs/policy.yaml").toString();
        String directory = demo.resolve("inputs/directory-repairs.yaml").toString();
        run("recordings", "--data", data);
        Matcher id = Pattern.compile("(?m)^(rec-[0-9a-f]{32})").matcher(out);
        assertTrue(id.find(), out);
        Path existing = Files.writeString(folder.resolve("kept.wav"), "kept");

        int code = run("play", "--data", data, "--policy", policy, "--directory", directory,
                "--staff", "manager-210", "--purpose", "complaint", "--case", CASE,
                "--out", existing.toString(), id.group(1));

        assertEquals(1, code);
        assertTrue(err.contains(existing.toString()) && err.contains("already exists")
                && err.contains("never overwrites"), err);
        assertEquals("kept", Files.readString(existing));
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(Clock.systemUTC(), new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }
}
