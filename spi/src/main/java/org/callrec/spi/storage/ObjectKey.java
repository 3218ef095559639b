package org.callrec.spi.storage;

import java.text.Normalizer;
import java.util.Objects;

/**
 * The name of a stored object: one or more segments separated by {@code /}, each of lower-case
 * ASCII letters, digits, {@code .}, {@code _} and {@code -}. Keys built from outside input are
 * checked here, so a backend can map a key onto a path or a URL without further escaping.
 *
 * <p>Refused: an empty key, a leading or trailing {@code /}, an empty segment, a segment of
 * {@code .} or {@code ..} or starting with {@code .}, any other character (including upper case,
 * a backslash, a control character or any non-ASCII character, even one that Unicode normalises
 * to ASCII), and a key longer than {@value #MAX_LENGTH} characters.
 *
 * @param value the key; never null
 */
public record ObjectKey(String value) {
    /** The longest key accepted. */
    public static final int MAX_LENGTH = 512;

    /**
     * Creates a key after checking it.
     *
     * @throws InvalidObjectKeyException naming the key and the rule it broke
     */
    public ObjectKey {
        Objects.requireNonNull(value, "value");
        check(value);
    }

    /** Returns the key for a checked value. */
    public static ObjectKey of(String value) {
        return new ObjectKey(value);
    }

    /** Returns this key's segments. */
    public String[] segments() {
        return value.split("/");
    }

    private static void check(String value) {
        if (value.isEmpty()) {
            throw new InvalidObjectKeyException(value, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidObjectKeyException(value, "must be at most " + MAX_LENGTH
                    + " characters");
        }
        if (!Normalizer.isNormalized(value, Normalizer.Form.NFKC)) {
            throw new InvalidObjectKeyException(value, "must be in Unicode normal form NFKC");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '/';
            if (!allowed) {
                throw new InvalidObjectKeyException(value, String.format(
                        "may hold only a-z, 0-9, '.', '_', '-' and '/', found U+%04X at index %d",
                        (int) c, i));
            }
        }
        if (value.startsWith("/") || value.endsWith("/")) {
            throw new InvalidObjectKeyException(value, "must not start or end with '/'");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidObjectKeyException(value, "must not have an empty segment");
            }
            if (segment.startsWith(".")) {
                throw new InvalidObjectKeyException(value,
                        "must not have a segment starting with '.', such as '.' or '..'");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
