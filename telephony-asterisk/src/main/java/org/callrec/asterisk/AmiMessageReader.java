package org.callrec.asterisk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.callrec.spi.telephony.MalformedEventException;

/**
 * Reads AMI messages from a byte stream: {@code Key: Value} lines ended by CRLF or LF, and a
 * blank line after each message.
 *
 * <p>The reader holds at most one line ({@link #MAX_LINE_BYTES}) and one message
 * ({@link #MAX_FIELDS} lines) at a time, so hostile input cannot make it hold more. It refuses,
 * with a {@link MalformedEventException} naming the line and the rule:
 * <ul>
 *   <li>a line longer than {@link #MAX_LINE_BYTES} bytes, as soon as the limit is passed;</li>
 *   <li>a message with more than {@link #MAX_FIELDS} fields;</li>
 *   <li>a line whose bytes are not valid UTF-8;</li>
 *   <li>a line with no colon separator;</li>
 *   <li>a message with no {@code Event} field, except {@code Action} and {@code Response}
 *       blocks, which are skipped (captures often hold the action that asked for the events);
 *   </li>
 *   <li>input that ends inside a line, which is a truncated message (unless the reader was
 *       told to accept a final line without terminator, see the constructor).</li>
 * </ul>
 * A final message that is not followed by a blank line, but whose lines all end, is accepted.
 * The greeting line that Asterisk sends when a manager connection opens
 * ({@code Asterisk Call Manager/...}) is skipped when it is the first line.
 *
 * <p>Not thread-safe: one reader serves one stream on one thread.
 */
final class AmiMessageReader {
    /** The longest line accepted, in bytes, not counting its terminator. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    /** The most fields one message may have. */
    static final int MAX_FIELDS = 256;

    private static final String GREETING = "Asterisk Call Manager/";

    private final InputStream input;
    private final String source;
    private final boolean acceptUnterminatedFinalLine;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final byte[] chunk = new byte[8 * 1024];
    private int chunkPosition;
    private int chunkLimit;

    // One spare byte holds a CR that turns out to be part of a CRLF terminator.
    private final byte[] lineBytes = new byte[MAX_LINE_BYTES + 1];
    private long lineNumber;
    private boolean ended;

    /**
     * Creates a reader.
     *
     * @param input the stream; the caller closes it
     * @param source the name used in error messages
     * @param acceptUnterminatedFinalLine whether a last line without terminator is read as a
     *     complete line rather than refused as a truncated message; files saved by some tools
     *     drop the final newline, a connection cut mid-line looks exactly the same
     */
    AmiMessageReader(InputStream input, String source, boolean acceptUnterminatedFinalLine) {
        this.input = input;
        this.source = source;
        this.acceptUnterminatedFinalLine = acceptUnterminatedFinalLine;
    }

    /** Returns the number of the last line read, 1-based; 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * Returns the next event message, or null at the end of the input.
     *
     * @throws MalformedEventException naming the line when the input breaks a rule
     * @throws IOException when the stream cannot be read
     */
    AmiMessage next() throws IOException {
        while (true) {
            String line = skipBlankLines();
            if (line == null) {
                return null;
            }

            long start = lineNumber;
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            while (line != null && !line.isEmpty()) {
                if (fields.size() == MAX_FIELDS) {
                    throw malformed(lineNumber, "message starting at line " + start
                            + " has more than " + MAX_FIELDS + " fields (limit per message)");
                }
                fields.add(field(line));
                line = readLine();
            }

            AmiMessage message = new AmiMessage(start, fields);
            if (message.event() != null) {
                return message;
            }
            if (message.get("Response") == null && message.get("Action") == null) {
                throw malformed(start, "message has no 'Event:' field (every message must be"
                        + " an event, or an Action or Response block, which is skipped)");
            }
        }
    }

    private String skipBlankLines() throws IOException {
        String line = readLine();
        if (lineNumber == 1 && line != null && line.startsWith(GREETING)) {
            line = readLine();
        }
        while (line != null && line.isEmpty()) {
            line = readLine();
        }
        return line;
    }

    private Map.Entry<String, String> field(String line) throws MalformedEventException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw malformed(lineNumber, "line has no 'Key: Value' separator (a colon after a"
                    + " non-empty key)");
        }

        // Asterisk writes "Key: Value"; a key with an empty value sometimes comes as "Key:"
        // (the RTCPSent event's ReportBlock field does), which is read as an empty value.
        String key = line.substring(0, colon);
        if (colon == line.length() - 1) {
            return new AbstractMap.SimpleImmutableEntry<>(key, "");
        }
        if (line.charAt(colon + 1) != ' ') {
            throw malformed(lineNumber, "line has no 'Key: Value' separator (colon and space"
                    + " after the key)");
        }
        return new AbstractMap.SimpleImmutableEntry<>(key, line.substring(colon + 2));
    }

    /** Returns the next line without its terminator, or null at the end of the input. */
    private String readLine() throws IOException {
        if (ended) {
            return null;
        }

        int length = 0;
        while (true) {
            if (chunkPosition == chunkLimit && !fill()) {
                ended = true;
                if (length == 0) {
                    return null;
                }
                lineNumber++;
                if (!acceptUnterminatedFinalLine) {
                    throw malformed(lineNumber, "truncated message: the input ends inside this"
                            + " line (no line terminator)");
                }
                return decode(length);
            }

            byte next = chunk[chunkPosition++];
            if (next == '\n') {
                lineNumber++;
                if (length > 0 && lineBytes[length - 1] == '\r') {
                    length--;
                }
                if (length > MAX_LINE_BYTES) {
                    throw tooLong(lineNumber);
                }
                return decode(length);
            }
            if (length == lineBytes.length) {
                throw tooLong(lineNumber + 1);
            }
            lineBytes[length++] = next;
        }
    }

    private boolean fill() throws IOException {
        int read = input.read(chunk, 0, chunk.length);
        while (read == 0) {
            read = input.read(chunk, 0, chunk.length);
        }
        chunkPosition = 0;
        chunkLimit = Math.max(read, 0);
        return read > 0;
    }

    private String decode(int length) throws MalformedEventException {
        try {
            return decoder.decode(ByteBuffer.wrap(lineBytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(lineNumber, "line is not valid UTF-8 (every line must be UTF-8)");
        }
    }

    private MalformedEventException tooLong(long line) {
        return malformed(line, "line is longer than " + MAX_LINE_BYTES
                + " bytes (limit per line)");
    }

    private MalformedEventException malformed(long line, String problem) {
        return new MalformedEventException(source, line, problem);
    }
}
