package org.callrec.core.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The real voice prompt the vault tests use, read from the test resources and checked against
 * the checksum it was copied with, so a changed file fails loudly instead of testing something
 * else.
 */
final class RealAudio {
    private static final String FOLDER = "/realdata/audio/";
    private static final String DEMO_CONGRATS = "demo-congrats.wav";

    private RealAudio() {}

    /** Returns the bytes of demo-congrats.wav, after checking its SHA-256. */
    static byte[] demoCongrats() {
        byte[] bytes = resource(DEMO_CONGRATS);
        String expected = expectedSha256(DEMO_CONGRATS);

        String actual = HexFormat.of().formatHex(CiphertextSink.newSha256().digest(bytes));

        if (!actual.equals(expected)) {
            throw new IllegalStateException(DEMO_CONGRATS + " has SHA-256 " + actual
                    + " but SHA256SUMS lists " + expected + "; the real audio must be unchanged");
        }
        return bytes;
    }

    private static String expectedSha256(String name) {
        String sums = new String(resource("SHA256SUMS"), StandardCharsets.US_ASCII);
        return sums.lines()
                .filter(line -> line.endsWith("  " + name))
                .map(line -> line.substring(0, 64))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("SHA256SUMS has no line for "
                        + name));
    }

    private static byte[] resource(String name) {
        try (InputStream in = RealAudio.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + FOLDER + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
