package org.callrec.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copied real captures and licences are byte for byte what was published. */
class RealCaptureChecksumsTest {
    @Test
    void everyCopiedCaptureAndLicenceMatchesItsPublishedChecksum()
            throws IOException, NoSuchAlgorithmException {
        Map<String, String> expected = sums();

        Map<String, String> actual = new LinkedHashMap<>();
        for (String path : expected.keySet()) {
            actual.put(path, sha256("realdata/" + path));
        }

        assertEquals(expected, actual);
    }

    @Test
    void checksumListCoversTheThirteenCapturesThePanoramiskCaptureAndTwoLicences()
            throws IOException {
        Map<String, String> sums = sums();

        assertEquals(13, sums.keySet().stream().filter(p -> p.startsWith("ami/raw/")).count());
        assertEquals(16, sums.size());
    }

    private static Map<String, String> sums() throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                Replays.resource("realdata/SHA256SUMS"), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                sums.put(line.substring(66), line.substring(0, 64));
            }
        }
        return sums;
    }

    private static String sha256(String resource) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream input = new DigestInputStream(Replays.resource(resource), digest)) {
            input.transferTo(OutputStreamSink.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Discards what it is given; only the digest matters. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
            // Discarded.
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // Discarded.
        }
    }
}
