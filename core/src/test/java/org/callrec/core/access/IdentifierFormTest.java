package org.callrec.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.callrec.core.FuzzRuns;
import org.callrec.spi.access.Grant;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of an access request's identifiers accept exactly what the written
 * forms accept: {@link Grant#IDENTIFIER}, and {@code rec-} with 32 lower-case hex digits.
 */
class IdentifierFormTest {
    private static final Pattern RECORDING_ID = Pattern.compile("rec-[0-9a-f]{32}");
    private static final String NEAR_MISSES = "aZ09._:/-rec \t\n\u00e9\u0000\\%AFaf@";
    private static final String HEX = "0123456789abcdefABCDEFg-";

    @Test
    void acceptsAnIdentifierExactlyWhenTheWrittenFormDoes() {
        FuzzRuns.forAll(20_000, random -> FuzzRuns.string(random, NEAR_MISSES, 70),
                value -> assertEquals(Grant.IDENTIFIER.matcher(value).matches(),
                        IdentifierForm.isIdentifier(value), value));
    }

    @Test
    void acceptsARecordingIdExactlyWhenTheWrittenFormDoes() {
        FuzzRuns.forAll(20_000, IdentifierFormTest::nearRecordingId,
                value -> assertEquals(RECORDING_ID.matcher(value).matches(),
                        IdentifierForm.isRecordingId(value), value));
    }

    @Test
    void refusesAnIdentifierOfSixtyFiveCharactersAndAcceptsOneOfSixtyFour() {
        String sixtyFour = "a".repeat(64);

        boolean longest = IdentifierForm.isIdentifier(sixtyFour);
        boolean tooLong = IdentifierForm.isIdentifier(sixtyFour + "a");

        assertTrue(longest);
        assertFalse(tooLong);
    }

    /** Mostly well-formed ids with a few characters changed, so both answers occur often. */
    private static String nearRecordingId(SplittableRandom random) {
        StringBuilder id = new StringBuilder("rec-");
        int digits = 30 + random.nextInt(5);
        for (int i = 0; i < digits; i++) {
            id.append(random.nextInt(8) == 0 ? HEX.charAt(random.nextInt(HEX.length()))
                    : HEX.charAt(random.nextInt(16)));
        }
        if (random.nextInt(10) == 0) {
            id.setCharAt(random.nextInt(4), 'R');
        }
        return id.toString();
    }
}
