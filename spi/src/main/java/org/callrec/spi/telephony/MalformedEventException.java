package org.callrec.spi.telephony;

import java.io.IOException;

/**
 * Thrown when platform input cannot be read as events: the message names the source, the line
 * and the rule the input broke. Events before the bad one have already been delivered.
 */
public class MalformedEventException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * Creates the exception.
     *
     * @param source the name of the input, such as a file name
     * @param line the 1-based line at which the problem was found
     * @param problem what is wrong, naming the rule broken
     */
    public MalformedEventException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** Returns the name of the input. */
    public String source() {
        return source;
    }

    /** Returns the 1-based line at which the problem was found. */
    public long line() {
        return line;
    }
}
