package org.callrec.asterisk;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs an oddity at WARN the first time it is seen in one stream and at DEBUG after that, so
 * that a capture full of the same oddity does not flood the operator's log.
 */
final class WarnOnce {
    private final Logger log;
    private final Set<String> seen = new HashSet<>();

    WarnOnce(Logger log) {
        this.log = log;
    }

    /** Logs a message whose arguments are identifiers only, never addresses or names. */
    void log(String rule, String message, Object... arguments) {
        if (seen.add(rule)) {
            log.warn(message, arguments);
        } else {
            log.debug(message, arguments);
        }
    }
}
