package org.callrec.spi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random strings, biased towards path tricks, either make a key whose every segment is a plain
 * name (so no backend can be led outside its root) or are refused with an
 * {@link InvalidObjectKeyException} naming the key. Tries: see {@link FuzzRuns}.
 */
class ObjectKeyFuzzTest {
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[a-z0-9_-][a-z0-9._-]*");

    @Test
    void anyStringIsAPlainKeyOrRefusedNamingTheRule() {
        FuzzRuns.forAll(3000, ObjectKeyFuzzTest::candidate, value -> {
            ObjectKey key;
            try {
                key = ObjectKey.of(value);
            } catch (InvalidObjectKeyException refused) {
                assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
                return;
            }

            assertEquals(value, key.value());
            assertTrue(value.length() <= ObjectKey.MAX_LENGTH);
            for (String segment : key.segments()) {
                assertTrue(PLAIN_SEGMENT.matcher(segment).matches(), segment);
                assertFalse(segment.equals(".") || segment.equals(".."), segment);
            }
        });
    }

    /** A string from characters that escape paths on some platform, or arbitrary code units. */
    static String candidate(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return FuzzRuns.anyString(random, 40);
        }
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            text.append(FuzzRuns.oneOf(random, "a", "b9", "rec-0f", "/", "//", ".", "..", "./",
                    "../", "\\", "..\\", "%2e", "%2f", "\u2024", "\uFF0E", "\uFF0F", "\u0000",
                    "C:", "~", " ", "A", "-", "_", "\u212A", "\u0131"));
        }
        if (random.nextInt(50) == 0) {
            text.append("a".repeat(ObjectKey.MAX_LENGTH));
        }
        return text.toString();
    }
}
