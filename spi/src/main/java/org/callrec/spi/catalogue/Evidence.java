package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence of notice or consent kept with a call (clauses 4.3 and 4.4): what kind, when, who
 * gave or recorded it and how strong it is.
 *
 * @param kind what the evidence is, such as {@code notice-played}, {@code notice-route},
 *     {@code notice-attested}, {@code reminder}, {@code consent-given}, {@code consent-refused},
 *     {@code consent-withdrawn} or {@code objection}; never null
 * @param at when; never null
 * @param staffId the staff member who gave or recorded it, or null
 * @param detail a short detail such as the prompt name or {@code weak: route configured}, or null
 */
public record Evidence(String kind, Instant at, String staffId, String detail) {
    /** Creates evidence. */
    public Evidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
