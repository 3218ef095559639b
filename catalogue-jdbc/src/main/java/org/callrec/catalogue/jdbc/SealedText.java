package org.callrec.catalogue.jdbc;

import java.util.Objects;
import org.callrec.spi.catalogue.PersonalDataSeal;

/**
 * Personal data on its way into and out of a column: sealed text carries a prefix, so that a
 * value written before sealing began (schema version 3 and earlier) is still read.
 */
final class SealedText {
    private static final String PREFIX = "s1:";

    private final PersonalDataSeal seal;

    SealedText(PersonalDataSeal seal) {
        this.seal = Objects.requireNonNull(seal, "seal");
    }

    /** Returns the sealed form of a value bound to a context, or null for null. */
    String seal(String clear, String context) {
        return clear == null ? null : PREFIX + seal.seal(clear, context);
    }

    /** Returns the value of a column, or null for null. */
    String open(String stored, String context) {
        if (stored == null) {
            return null;
        }
        // Limitation: rows written before schema version 20 hold their addresses in the clear
        // and are read as they are; they are not resealed in place, so an installation that
        // upgrades keeps those numbers in the clear until their calls are disposed of.
        return stored.startsWith(PREFIX) ? seal.open(stored.substring(PREFIX.length()), context)
                : stored;
    }

    /** Returns the blind index of a normalised number, or null for null. */
    String blindIndex(String number) {
        return number == null ? null : seal.blindIndex(number);
    }
}
