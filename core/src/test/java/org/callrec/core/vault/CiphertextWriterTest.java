package org.callrec.core.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CiphertextWriterTest {
    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stopTheWritingThreads() {
        writers.shutdownNow();
    }

    @Test
    void passesEveryByteInOrderWithItsCountAndChecksum() throws Exception {
        byte[] ciphertext = new byte[10 * CiphertextWriter.CHUNK_BYTES + 12_345];
        new SplittableRandom(5).nextBytes(ciphertext);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        CiphertextSink sink = new CiphertextSink(stored);

        try (CiphertextWriter writer = new CiphertextWriter(sink, writers)) {
            SplittableRandom sizes = new SplittableRandom(6);
            for (int at = 0; at < ciphertext.length; ) {
                int length = Math.min(sizes.nextInt(1, 3 * CiphertextWriter.CHUNK_BYTES),
                        ciphertext.length - at);
                writer.write(ciphertext, at, length);
                at += length;
            }
            writer.finish();
        }

        assertArrayEquals(ciphertext, stored.toByteArray());
        assertEquals(ciphertext.length, sink.bytes());
        assertEquals(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(ciphertext)), sink.sha256Hex());
    }

    @Test
    void passesOnThePartChunkWhenTheCipherClosesIt() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        CiphertextWriter writer = new CiphertextWriter(new CiphertextSink(stored), writers);
        writer.write(new byte[] {1, 2, 3});

        writer.close();
        writer.finish();

        assertArrayEquals(new byte[] {1, 2, 3}, stored.toByteArray());
    }

    @Test
    void reportsTheStoragesFailureWithoutLeavingTheEncryptingThreadWaiting() {
        IOException diskFull = new IOException("no space left on device");
        CiphertextSink sink = new CiphertextSink(new FailingStream(diskFull));
        byte[] chunk = new byte[CiphertextWriter.CHUNK_BYTES];

        IOException reported = assertThrows(IOException.class, () -> {
            try (CiphertextWriter writer = new CiphertextWriter(sink, writers)) {
                for (int i = 0; i < 4 * CiphertextWriter.CHUNKS; i++) {
                    writer.write(chunk);
                }
                writer.finish();
            }
        });

        assertSame(diskFull, reported);
        assertTrue(reported.getMessage().contains("no space left"), reported.getMessage());
    }

    /** Storage that fails on its first write. */
    private static final class FailingStream extends OutputStream {
        private final IOException failure;

        FailingStream(IOException failure) {
            this.failure = failure;
        }

        @Override
        public void write(int b) throws IOException {
            throw failure;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            throw failure;
        }
    }
}
