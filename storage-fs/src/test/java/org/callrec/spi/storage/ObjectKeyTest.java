package org.callrec.spi.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link ObjectKey}. They live in {@code spi}, which has no test dependencies, so
 * they are tested here beside the first backend that relies on them.
 */
class ObjectKeyTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "recordings/2025/02/03/rec-0123abcd", "a.b_c-d/e1", "x/y.z"})
    void acceptsLowerCaseAsciiSegments(String value) {
        ObjectKey key = ObjectKey.of(value);

        assertEquals(value, key.value());
        assertEquals(value, key.toString());
    }

    @Test
    void splitsIntoItsSegments() {
        ObjectKey key = ObjectKey.of("recordings/2025/rec-1");

        assertArrayEquals(new String[] {"recordings", "2025", "rec-1"}, key.segments());
    }

    @Test
    void acceptsTheLongestAllowedKey() {
        String longest = "a".repeat(ObjectKey.MAX_LENGTH);

        ObjectKey key = ObjectKey.of(longest);

        assertEquals(ObjectKey.MAX_LENGTH, key.value().length());
    }

    static Stream<Arguments> refusedKeys() {
        return Stream.of(
                Arguments.of("", "''", "must not be empty"),
                Arguments.of("a".repeat(513), "'" + "a".repeat(80) + "...'", "at most 512"),
                Arguments.of("../etc/passwd", "'../etc/passwd'", "starting with '.'"),
                Arguments.of("a/../../b", "'a/../../b'", "starting with '.'"),
                Arguments.of("a/./b", "'a/./b'", "starting with '.'"),
                Arguments.of(".hidden", "'.hidden'", "starting with '.'"),
                Arguments.of("/abs/path", "'/abs/path'", "must not start or end with '/'"),
                Arguments.of("a/b/", "'a/b/'", "must not start or end with '/'"),
                Arguments.of("a//b", "'a//b'", "must not have an empty segment"),
                Arguments.of("recordings\\..\\x", "'recordings\\..\\x'", "U+005C at index 10"),
                Arguments.of("C:/x", "'C:/x'", "U+0043 at index 0"),
                Arguments.of("a b", "'a b'", "U+0020 at index 1"),
                Arguments.of("a\u0000b", "'a\\u0000b'", "U+0000 at index 1"),
                Arguments.of("a\nb", "'a\\u000ab'", "U+000A at index 1"),
                Arguments.of("ｒｅｃ/ａ", "'\\uff52\\uff45\\uff43/\\uff41'", "NFKC"),
                Arguments.of("a\u2215b", "'a\\u2215b'", "U+2215 at index 1"),
                Arguments.of("a\u2044b", "'a\\u2044b'", "U+2044 at index 1"),
                Arguments.of("re\u0441", "'re\\u0441'", "U+0441 at index 2"),
                Arguments.of("e\u0301", "'e\\u0301'", "NFKC"),
                Arguments.of("a\u200bb", "'a\\u200bb'", "U+200B at index 1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusedKeys")
    void refusesAKeyNamingItAndTheRule(String value, String shown, String rule) {
        InvalidObjectKeyException refused =
                assertThrows(InvalidObjectKeyException.class, () -> ObjectKey.of(value));

        assertEquals(value, refused.key());
        assertTrue(refused.getMessage().startsWith("object key " + shown),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(rule), refused.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(NullPointerException.class, () -> ObjectKey.of(null));
    }
}
