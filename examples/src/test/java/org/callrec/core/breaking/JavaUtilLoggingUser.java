package org.callrec.core.breaking;

import java.util.logging.Logger;

/** Breaks the rule that library code logs only through SLF4J: it uses java.util.logging. */
public final class JavaUtilLoggingUser {
    private static final Logger LOG = Logger.getLogger(JavaUtilLoggingUser.class.getName());

    private JavaUtilLoggingUser() {
    }

    /** Logs a line past the SLF4J binding the embedder chose. */
    public static void log(String line) {
        LOG.info(line);
    }
}
