package org.callrec.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.callrec.spi.telephony.MalformedEventException;
import org.junit.jupiter.api.Test;
import org.callrec.testkit.fuzz.FuzzRuns;

/**
 * Hostile input for the AMI reader: arbitrary bytes, arbitrary line structures and huge lines
 * either read as messages or are refused with a {@link MalformedEventException} naming a line;
 * nothing else is thrown, every call makes progress, and memory stays bounded by one line.
 * Tries: see {@link FuzzRuns}.
 */
class AmiMessageReaderFuzzTest {
    private static final int KIB = 1024;

    @Test
    void arbitraryBytesAreReadOrRefusedWithALine() {
        FuzzRuns.forAll(500, random -> FuzzRuns.bytes(random, 4 * KIB), input -> {
            for (boolean acceptUnterminated : new boolean[] {true, false}) {
                assertReadOrRefusedWithLine(readAll(input, acceptUnterminated), input.length);
            }
        });
    }

    @Test
    void arbitraryLineStructuresAreReadOrRefusedWithALine() {
        FuzzRuns.forAll(500, AmiMessageReaderFuzzTest::lineStructure, text -> {
            byte[] input = text.getBytes(StandardCharsets.UTF_8);
            for (boolean acceptUnterminated : new boolean[] {true, false}) {
                assertReadOrRefusedWithLine(readAll(input, acceptUnterminated), input.length);
            }
        });
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedAndOneWithinItIsRead() {
        int limit = AmiMessageReader.MAX_LINE_BYTES;
        FuzzRuns.forAll(40, random -> random.nextInt(limit - 64, limit + 64), lineBytes -> {
            byte[] input = ("Event: " + "x".repeat(lineBytes - "Event: ".length()) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);

            Outcome outcome = readAll(input, false);

            if (lineBytes <= limit) {
                assertNull(outcome.failure());
                assertEquals(1, outcome.messages());
            } else {
                MalformedEventException refused = (MalformedEventException) outcome.failure();
                assertEquals(1, refused.line());
                assertTrue(refused.getMessage().contains("longer than " + limit),
                        refused.getMessage());
            }
        });
    }

    @Test
    void anEndlessLineIsRefusedAfterReadingLittleMoreThanTheLimit() {
        EndlessBytes endless = new EndlessBytes((byte) 'a');
        AmiMessageReader reader = new AmiMessageReader(endless, "endless.ami", true);

        MalformedEventException refused = assertThrows(MalformedEventException.class,
                reader::next);

        assertEquals(1, refused.line());
        assertTrue(refused.getMessage().contains("limit per line"), refused.getMessage());
        assertTrue(endless.served <= AmiMessageReader.MAX_LINE_BYTES + 16 * KIB,
                "read " + endless.served + " bytes of one endless line");
    }

    @Test
    void manyBlankLinesEndWhenTheInputEndsWithoutHoldingAMessage() throws IOException {
        byte[] blank = "\r\n".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        AmiMessageReader reader = new AmiMessageReader(new ByteArrayInputStream(blank),
                "blank.ami", false);

        AmiMessage message = reader.next();

        assertNull(message);
        assertEquals(200_000, reader.lineNumber());
    }

    /** Lines built from keys, separators, values and terminators that AMI input mixes up. */
    static String lineStructure(SplittableRandom random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? ""
                : "Asterisk Call Manager/5.0.1\r\n");
        int lines = random.nextInt(60);
        for (int i = 0; i < lines; i++) {
            text.append(random.nextBoolean()
                    ? FuzzRuns.oneOf(random, "Event", "Action", "Response", "Uniqueid", "")
                    : FuzzRuns.anyString(random, 12));
            text.append(FuzzRuns.oneOf(random, ": ", ":", " : ", "", "::", ": :"));
            text.append(random.nextBoolean()
                    ? FuzzRuns.oneOf(random, "Newchannel", "Hangup", "Success", "SIP/1-2", "")
                    : FuzzRuns.anyString(random, 30));
            text.append(FuzzRuns.oneOf(random, "\r\n", "\n", "\r", "", "\n\n", "\r\n\r\n"));
        }
        return text.toString();
    }

    private static Outcome readAll(byte[] input, boolean acceptUnterminated) {
        AmiMessageReader reader = new AmiMessageReader(new ByteArrayInputStream(input),
                "fuzz.ami", acceptUnterminated);
        int messages = 0;
        try {
            while (reader.next() != null) {
                messages++;
                if (messages > input.length) {
                    throw new AssertionError("more messages than input bytes: no progress");
                }
            }
            return new Outcome(messages, null);
        } catch (IOException e) {
            return new Outcome(messages, e);
        }
    }

    private static void assertReadOrRefusedWithLine(Outcome outcome, int inputBytes) {
        assertTrue(outcome.messages() <= inputBytes);
        if (outcome.failure() == null) {
            return;
        }
        assertTrue(outcome.failure() instanceof MalformedEventException,
                "only refusals expected from bytes in memory, got " + outcome.failure());
        MalformedEventException refused = (MalformedEventException) outcome.failure();
        assertTrue(refused.line() >= 1, "line " + refused.line());
        assertTrue(refused.getMessage().startsWith("fuzz.ami:" + refused.line() + ": "),
                refused.getMessage());
    }

    /** What reading a whole input gave: the messages read, and the refusal, if any. */
    private record Outcome(int messages, IOException failure) {
    }

    /** An input that never ends, counting what it served. */
    private static final class EndlessBytes extends InputStream {
        private final byte fill;
        private long served;

        EndlessBytes(byte fill) {
            this.fill = fill;
        }

        @Override
        public int read() {
            served++;
            return fill;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, fill);
            served += length;
            return length;
        }
    }
}
