package org.callrec.core.breaking;

import java.time.Instant;

/** Breaks the rule that time comes only from an injected clock: it reads the wall clock. */
public final class WallClockReader {
    private WallClockReader() {
    }

    /** Returns the wall-clock time, which library code must never read. */
    public static Instant now() {
        return Instant.now();
    }
}
