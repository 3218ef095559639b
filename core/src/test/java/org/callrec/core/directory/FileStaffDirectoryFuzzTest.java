package org.callrec.core.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.callrec.core.FuzzRuns;
import org.callrec.core.YamlMutations;
import org.junit.jupiter.api.Test;

/**
 * Hostile staff directory files: random YAML-ish text and mutated versions of a shipped
 * directory either load or are refused with a {@link DirectoryFileException} naming the file
 * and its problems; nothing else is thrown. Tries: see {@link FuzzRuns}.
 */
class FileStaffDirectoryFuzzTest {
    @Test
    void mutatedShippedDirectoryLoadsOrIsRefusedWithProblems() throws IOException {
        String shipped = Files.readString(
                FileStaffDirectoryTest.SHIPPED.resolve("directory-hr.yaml"));

        FuzzRuns.forAll(300, random -> YamlMutations.mutate(random, shipped),
                FileStaffDirectoryFuzzTest::loadsOrIsRefused);
    }

    @Test
    void yamlishTextLoadsOrIsRefusedWithProblems() {
        FuzzRuns.forAll(300, YamlMutations::yamlish,
                FileStaffDirectoryFuzzTest::loadsOrIsRefused);
    }

    private static void loadsOrIsRefused(String text) {
        try {
            FileStaffDirectory directory = FileStaffDirectory.load(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    "fuzz-directory.yaml");
            assertTrue(directory.size() >= 0);
        } catch (DirectoryFileException refused) {
            assertFalse(refused.problems().isEmpty(), "refused without a problem");
            assertTrue(refused.getMessage().contains("fuzz-directory.yaml"),
                    refused.getMessage());
        }
    }
}
