package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real captures and audio copied into the project are byte for byte what was published. */
class RealDataChecksumTest {
    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/callrec/demo", "src/test/resources/realdata"})
    void everyCopiedFileMatchesItsChecksum(String folder) throws Exception {
        Path root = Path.of(folder);
        List<String> lines = Files.readAllLines(root.resolve("SHA256SUMS"));

        assertFalse(lines.isEmpty());
        for (String line : lines) {
            String[] parts = line.split("\\s+", 2);
            assertEquals(parts[0], sha256(root.resolve(parts[1])), parts[1]);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
