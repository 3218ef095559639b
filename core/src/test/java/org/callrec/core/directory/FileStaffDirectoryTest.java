package org.callrec.core.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.callrec.spi.directory.StaffMember;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The file-backed staff directory: who is staff, and refusing a file that is unclear. */
class FileStaffDirectoryTest {

    /** Read where they ship, so that the test checks the real files rather than copies. */
    static final Path SHIPPED = Path.of("../examples/src/main/resources/callrec");
    static final Path BROKEN = Path.of("src/test/resources/directories");

    static DirectoryFileException refused(String name) {
        Path file = BROKEN.resolve(name);
        return assertThrows(DirectoryFileException.class, () -> FileStaffDirectory.load(file));
    }

    /** Asserts that the message has the problem's line, and the line names every part of it. */
    static void assertNamesProblem(DirectoryFileException e, DirectoryProblem problem) {
        String line = problem.describe();
        assertTrue(e.getMessage().lines().anyMatch(line::equals), e.getMessage());
        assertTrue(line.startsWith(problem.file() + ":"), line);
        assertTrue(line.contains(problem.path()), line);
        assertTrue(line.endsWith(problem.rule()), line);
        if (problem.value() != null) {
            assertTrue(line.contains("'" + problem.value() + "'"), line);
        }
    }

    @Nested
    @DisplayName("the directories shipped for the Asterisk captures")
    class Shipped {

        final FileStaffDirectory hr = FileStaffDirectory.load(SHIPPED.resolve("directory-hr.yaml"));
        final FileStaffDirectory repairs =
                FileStaffDirectory.load(SHIPPED.resolve("directory-repairs.yaml"));

        @Test
        void findsAPhoneByItsSipPeerAndByItsExtension() {
            Optional<StaffMember> byPeer = hr.find("150010001");
            Optional<StaffMember> byExtension = hr.find("201");

            assertEquals(Set.of("reception"), byPeer.orElseThrow().teams());
            assertEquals(byPeer, byExtension);
        }

        @Test
        void findsAMemberByStaffId() {
            Optional<StaffMember> member = hr.find("agent-202");

            assertEquals(Set.of("responsive-repairs"), member.orElseThrow().teams());
            assertEquals(member, hr.find("150010002"));
        }

        @Test
        @DisplayName("3.3 puts 203 in HR in one directory and in Repairs in the other")
        void puts203InHrInOneDirectoryAndInRepairsInTheOther() {
            StaffMember inHr = hr.find("150010003").orElseThrow();
            StaffMember inRepairs = repairs.find("150010003").orElseThrow();

            assertTrue(inHr.isInTeam("hr"));
            assertFalse(inHr.isInTeam("responsive-repairs"));
            assertTrue(inRepairs.isInTeam("responsive-repairs"));
            assertFalse(inRepairs.isInTeam("hr"));
            assertEquals(inHr.staffId(), inRepairs.staffId());
        }

        @Test
        void listsAManagerAndASeniorStaffMember() {
            StaffMember manager = hr.find("210").orElseThrow();
            StaffMember senior = hr.find("211").orElseThrow();

            assertTrue(manager.hasRole("manager"));
            assertTrue(senior.hasRole("senior"));
            assertEquals(5, hr.size());
            assertEquals(5, repairs.size());
        }

        @Test
        @DisplayName("4.1 an external number is not staff")
        void answersEmptyForAnExternalNumber() {
            assertEquals(Optional.empty(), hr.find("+447700900101"));
            assertEquals(Optional.empty(), hr.find("15001"));
            assertEquals(Optional.empty(), hr.find(""));
        }

        @Test
        void refusesANullAddress() {
            assertThrows(NullPointerException.class, () -> hr.find(null));
        }

        @Test
        void neverLogsOrPrintsAnAddress() {
            String log = captureStandardError(() -> {
                FileStaffDirectory loaded =
                        FileStaffDirectory.load(SHIPPED.resolve("directory-hr.yaml"));
                loaded.find("150010003");
                loaded.find("+447700900101");
            });

            assertTrue(log.contains("staff directory loaded"), log);
            assertFalse(log.contains("150010003"), log);
            assertFalse(log.contains("+447700900101"), log);
            assertFalse(hr.toString().contains("150010001"), hr.toString());
        }
    }

    @Nested
    @DisplayName("broken files")
    class Broken {

        @Test
        void refusesAnAddressClaimedByTwoStaffMembersNamingBoth() {
            DirectoryFileException e = refused("duplicate-address.yaml");

            assertEquals(1, e.problems().size(), e.getMessage());
            DirectoryProblem problem = e.problems().get(0);
            assertEquals("staff[1].addresses[1]", problem.path());
            assertEquals("201", problem.value());
            assertTrue(problem.rule().contains("agent-201"), problem.rule());
            assertTrue(problem.rule().contains("agent-202"), problem.rule());
            assertTrue(problem.rule().contains("must stand for one person only"));
            assertNamesProblem(e, problem);
        }

        @Test
        void refusesAnUnknownKeyNamingTheKnownOnes() {
            DirectoryFileException e = refused("unknown-key.yaml");

            assertEquals(1, e.problems().size(), e.getMessage());
            DirectoryProblem problem = e.problems().get(0);
            assertEquals("staff[0].team", problem.path());
            assertTrue(problem.rule().contains("known keys: addresses, id, roles, teams"));
            assertNamesProblem(e, problem);
        }

        @Test
        void refusesABlankStaffId() {
            DirectoryFileException e = refused("blank-id.yaml");

            assertEquals(1, e.problems().size(), e.getMessage());
            DirectoryProblem problem = e.problems().get(0);
            assertEquals("staff[1].id", problem.path());
            assertEquals("  ", problem.value());
            assertEquals("must not be blank", problem.rule());
            assertNamesProblem(e, problem);
        }

        @Test
        void refusesAnAddressHoldingABellCharacterShowingItEscaped() {
            DirectoryFileException e = refused("bell-in-address.yaml");

            assertEquals(1, e.problems().size(), e.getMessage());
            DirectoryProblem problem = e.problems().get(0);
            assertEquals("staff[1].addresses[0]", problem.path());
            assertEquals("20\u00072", problem.value());
            assertTrue(problem.rule().startsWith("must not contain control characters"));
            assertTrue(e.getMessage().contains("bell-in-address.yaml:8: staff[1].addresses[0]"
                    + " = '20\\u00072': must not contain control characters"), e.getMessage());
            assertFalse(e.getMessage().contains("\u0007"), "the message holds no bell");
        }

        @Test
        void refusesAStaffIdUsedTwice() {
            DirectoryFileException e = refused("duplicate-id.yaml");

            DirectoryProblem problem = e.problems().get(0);
            assertEquals("staff[1].id", problem.path());
            assertEquals("agent-201", problem.value());
            assertTrue(problem.rule().contains("must be unique; staff[0].id has it already"));
            assertNamesProblem(e, problem);
        }

        @Test
        void reportsEveryProblemOfAFileAtOnce() {
            DirectoryFileException e = refused("several-errors.yaml");

            List<String> paths = e.problems().stream().map(DirectoryProblem::path).toList();
            assertEquals(List.of("staff[0].teams", "staff[1].id", "staff[2].roles[1]",
                    "staff[2].phone"), paths);
            e.problems().forEach(problem -> assertNamesProblem(e, problem));
        }

        @Test
        void refusesStaffWrittenAsAMapping() {
            DirectoryFileException e = refused("not-a-list.yaml");

            assertEquals(List.of("staff"),
                    e.problems().stream().map(DirectoryProblem::path).toList());
            assertTrue(e.getMessage().contains("must be a list"), e.getMessage());
        }

        @Test
        void refusesAnEmptyDirectory() {
            byte[] empty = "staff: []\n".getBytes(StandardCharsets.UTF_8);

            DirectoryFileException e = assertThrows(DirectoryFileException.class,
                    () -> FileStaffDirectory.load(new ByteArrayInputStream(empty), "none.yaml"));

            assertTrue(e.getMessage().contains(
                    "none.yaml:1: staff = (missing): must list at least one staff member"),
                    e.getMessage());
        }

        @Test
        void refusesYamlAliases() {
            byte[] aliased = "staff:\n  - id: a\n    addresses: &x [\"201\"]\n  - id: b\n"
                    .concat("    addresses: *x\n").getBytes(StandardCharsets.UTF_8);

            DirectoryFileException e = assertThrows(DirectoryFileException.class,
                    () -> FileStaffDirectory.load(new ByteArrayInputStream(aliased), "a.yaml"));

            assertTrue(e.getMessage().contains("anchors are not allowed"), e.getMessage());
        }
    }

    static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
