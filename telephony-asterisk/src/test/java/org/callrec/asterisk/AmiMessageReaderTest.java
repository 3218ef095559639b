package org.callrec.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.telephony.MalformedEventException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AmiMessageReaderTest {
    private static final String SOURCE = "test.ami";

    @Nested
    @DisplayName("reads the AMI wire format")
    class Reads {
        @Test
        void readsCrlfMessagesSeparatedByBlankLines() throws IOException {
            List<AmiMessage> messages = readAll("Event: Hangup\r\nChannel: SIP/1-1\r\n\r\n"
                    + "Event: Hold\r\nChannel: SIP/2-2\r\n\r\n");

            assertEquals(2, messages.size());
            assertEquals("Hold", messages.get(1).event());
            assertEquals("SIP/2-2", messages.get(1).get("Channel"));
            assertEquals(4, messages.get(1).line());
        }

        @Test
        void readsLfOnlyLines() throws IOException {
            List<AmiMessage> messages = readAll("Event: Hangup\nChannel: SIP/1-1\n\n");

            assertEquals("SIP/1-1", messages.get(0).get("Channel"));
        }

        @Test
        void acceptsAFinalMessageWithNoBlankLineAfterIt() throws IOException {
            List<AmiMessage> messages = readAll("Event: Hangup\r\nCause: 16\r\n");

            assertEquals("16", messages.get(0).get("Cause"));
        }

        @Test
        void readsAKeyWithNothingAfterItsColonAsAnEmptyValue() throws IOException {
            List<AmiMessage> messages = readAll("Event: RTCPSent\nReportBlock:\nDLSR: 0\n\n");

            assertEquals("", messages.get(0).get("ReportBlock"));
            assertEquals("0", messages.get(0).get("DLSR"));
        }

        @Test
        void keepsTheSpaceOfAnEmptyValueWrittenWithItsSeparator() throws IOException {
            List<AmiMessage> messages = readAll("Event: Newchannel\r\nAccountCode: \r\n\r\n");

            assertEquals("", messages.get(0).get("AccountCode"));
        }

        @Test
        void skipsActionAndResponseBlocks() throws IOException {
            List<AmiMessage> messages = readAll("Action: Originate\nChannel: Local/259\n\n"
                    + "Response: Success\nMessage: queued\n\n"
                    + "Event: Newchannel\nChannel: Local/259@default-00000000;1\n\n");

            assertEquals(1, messages.size());
            assertEquals(7, messages.get(0).line());
        }

        @Test
        void skipsTheGreetingAsteriskSendsWhenAManagerConnectionOpens() throws IOException {
            List<AmiMessage> messages = readAll("Asterisk Call Manager/5.0.1\r\n"
                    + "Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n");

            assertEquals("FullyBooted", messages.get(0).event());
        }

        @Test
        void acceptsALineOfExactlyTheLimitWithItsCrlf() throws IOException {
            String value = "x".repeat(AmiMessageReader.MAX_LINE_BYTES - "Value: ".length());

            List<AmiMessage> messages = readAll("Event: VarSet\r\nValue: " + value + "\r\n\r\n");

            assertEquals(value, messages.get(0).get("Value"));
        }

        @Test
        void returnsNullAtTheEndOfEmptyInput() throws IOException {
            AmiMessageReader reader = reader(new ByteArrayInputStream(new byte[0]), false);

            assertNull(reader.next());
        }
    }

    @Nested
    @DisplayName("refuses malformed input, naming the line and the rule")
    class Refuses {
        @Test
        void refusesAMessageWithNoEventFieldNamingTheLineItStarted() {
            MalformedEventException e = refused("Event: Hangup\r\nChannel: SIP/1-1\r\n\r\n"
                    + "Channel: SIP/2-2\r\nCause: 16\r\n\r\n");

            assertEquals(4, e.line());
            assertTrue(e.getMessage().startsWith("test.ami:4: "), e.getMessage());
            assertTrue(e.getMessage().contains("no 'Event:' field"), e.getMessage());
        }

        @Test
        void refusesInputThatEndsInsideALineAsATruncatedMessage() {
            MalformedEventException e = refused("Event: Hangup\r\nChannel: SIP/15001");

            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("truncated message"), e.getMessage());
        }

        @Test
        void refusesALineWithoutAColon() {
            MalformedEventException e = refused("Event: Hangup\nthis line has no separator\n\n");

            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("no 'Key: Value' separator"), e.getMessage());
        }

        @Test
        void refusesAColonThatIsNotFollowedByASpace() {
            MalformedEventException e = refused("Event: Hangup\nChannel:SIP/1-1\n\n");

            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("colon and space"), e.getMessage());
        }

        @Test
        void refusesALineWithAnEmptyKey() {
            MalformedEventException e = refused("Event: Hangup\n: value\n\n");

            assertEquals(2, e.line());
        }

        @Test
        void refusesBytesThatAreNotUtf8() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String start = "Event: Newchannel\r\nCallerIDName: ";
            bytes.writeBytes(start.getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, '\r', '\n', '\r', '\n'});

            MalformedEventException e = assertThrows(MalformedEventException.class,
                    () -> drain(reader(new ByteArrayInputStream(bytes.toByteArray()), false)));

            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        }

        @Test
        void refusesALineOneByteOverTheLimit() {
            String value = "x".repeat(AmiMessageReader.MAX_LINE_BYTES - "Value: ".length() + 1);

            MalformedEventException e = refused("Event: VarSet\nValue: " + value + "\n\n");

            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("longer than 8192 bytes"), e.getMessage());
        }

        @Test
        void refusesAMessageWithTooManyFieldsNamingTheLineOfTheFirstExtraOne() {
            StringBuilder text = new StringBuilder("Event: VarSet\n");
            for (int i = 1; i <= AmiMessageReader.MAX_FIELDS; i++) {
                text.append("Field").append(i).append(": v\n");
            }

            MalformedEventException e = refused(text.append('\n').toString());

            assertEquals(AmiMessageReader.MAX_FIELDS + 1, e.line());
            assertTrue(e.getMessage().contains("more than 256 fields"), e.getMessage());
        }

        @Test
        void refusesALineOf64MebibytesAfterReadingOnlyTheFirstFewKibibytes() {
            CountingStream endless = new CountingStream("Event: VarSet\r\nValue: ", 64L << 20);

            MalformedEventException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(MalformedEventException.class,
                            () -> drain(reader(endless, false))));

            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("longer than 8192 bytes"), e.getMessage());
            assertTrue(endless.served < 64 * 1024,
                    "read " + endless.served + " bytes of a 64 MiB line before refusing it");
        }
    }

    private static List<AmiMessage> readAll(String text) throws IOException {
        return drain(reader(stream(text), false));
    }

    private static MalformedEventException refused(String text) {
        return assertThrows(MalformedEventException.class, () -> readAll(text));
    }

    private static List<AmiMessage> drain(AmiMessageReader reader) throws IOException {
        List<AmiMessage> messages = new ArrayList<>();
        for (AmiMessage message = reader.next(); message != null; message = reader.next()) {
            messages.add(message);
        }
        return messages;
    }

    private static AmiMessageReader reader(InputStream input, boolean acceptUnterminated) {
        return new AmiMessageReader(input, SOURCE, acceptUnterminated);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A generated stream: a prefix, then a long run of 'A' with no line end; never stored. */
    static final class CountingStream extends InputStream {
        private final byte[] prefix;
        private final long length;
        long served;

        CountingStream(String prefix, long length) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.length = length;
        }

        @Override
        public int read() {
            if (served >= length) {
                return -1;
            }
            int next = served < prefix.length ? prefix[(int) served] : 'A';
            served++;
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - served);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }
    }
}
