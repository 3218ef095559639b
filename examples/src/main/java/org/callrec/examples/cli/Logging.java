package org.callrec.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets how much the tool logs: warnings by default, decisions with {@code --verbose}. */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        if (LoggerFactory.getLogger("org.callrec") instanceof Logger callrec) {
            callrec.setLevel(verbose ? Level.DEBUG : Level.WARN);
        }
    }
}
