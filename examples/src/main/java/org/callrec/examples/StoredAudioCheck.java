package org.callrec.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.callrec.spi.catalogue.RecordingEntry;

/**
 * Shows that a stored recording is encrypted and intact: the stored object holds no WAV header
 * and no run of 32 bytes of the source audio's samples, and it decrypts back to exactly the
 * source. Meant for demos and tests on small recordings: it reads the stored object into memory.
 */
public final class StoredAudioCheck {
    private static final int RUN = 32;
    private static final int WAV_HEADER = 44;

    private final Workspace workspace;
    private final byte[] source;
    private final Set<ByteBuffer> sourceRuns = new HashSet<>();

    /** Prepares a check of recordings made from the given source audio. */
    public StoredAudioCheck(Workspace workspace, Path sourceAudio) throws IOException {
        this.workspace = workspace;
        this.source = Files.readAllBytes(sourceAudio);
        for (int i = WAV_HEADER; i + RUN <= source.length; i++) {
            sourceRuns.add(ByteBuffer.wrap(Arrays.copyOfRange(source, i, i + RUN)));
        }
    }

    /** Returns whether the stored object contains {@code RIFF}, {@code WAVE} or a source run. */
    public boolean leaksPlaintext(RecordingEntry entry) throws IOException {
        byte[] stored;
        try (InputStream in = workspace.storage().open(entry.objectKey())) {
            stored = in.readAllBytes();
        }
        if (contains(stored, "RIFF".getBytes()) || contains(stored, "WAVE".getBytes())) {
            return true;
        }
        for (int i = 0; i + RUN <= stored.length; i++) {
            if (sourceRuns.contains(ByteBuffer.wrap(stored, i, RUN).slice())) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the recording decrypts to exactly the source audio. */
    public boolean decryptsToSource(RecordingEntry entry) throws IOException {
        try (InputStream in = workspace.vault().open(entry.recordingId())) {
            return sha256(in).equals(sha256(new java.io.ByteArrayInputStream(source)));
        }
    }

    /** Returns a one-line account of both checks for a recording. */
    public String describe(RecordingEntry entry) {
        try {
            return entry.recordingId() + ": " + entry.objectKey() + " "
                    + (leaksPlaintext(entry) ? "CONTAINS PLAINTEXT" : "holds no WAV header and"
                            + " no 32-byte run of the source audio")
                    + "; " + (decryptsToSource(entry) ? "decrypts to the exact source audio"
                            : "DOES NOT decrypt to the source audio");
        } catch (IOException e) {
            throw new UncheckedIOException("could not check " + entry.recordingId(), e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
