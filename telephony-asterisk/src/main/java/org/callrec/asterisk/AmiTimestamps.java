package org.callrec.asterisk;

import java.time.Instant;
import org.callrec.spi.telephony.MalformedEventException;

/**
 * Reads the {@code Timestamp} field that Asterisk adds to events when {@code timestampevents}
 * is on in {@code manager.conf}: seconds since the epoch, a dot, and up to nine digits of
 * fraction (Asterisk writes six, microseconds).
 */
final class AmiTimestamps {
    private AmiTimestamps() {
    }

    /**
     * Returns the instant, or null when the event has no timestamp.
     *
     * @throws MalformedEventException naming the line when the value is not such a number
     */
    static Instant parse(String value, String source, long line)
            throws MalformedEventException {
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new MalformedEventException(source, line, "Timestamp '"
                    + shown.replaceAll("\\p{Cntrl}", "?")
                    + "' is not epoch seconds with an optional fraction of up to 9 digits");
        }

        int dot = value.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        if (dot < 0) {
            return Instant.ofEpochSecond(seconds);
        }
        String fraction = (value.substring(dot + 1) + "00000000").substring(0, 9);
        return Instant.ofEpochSecond(seconds, Long.parseLong(fraction));
    }
}
