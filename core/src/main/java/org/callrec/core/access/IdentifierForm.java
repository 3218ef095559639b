package org.callrec.core.access;

/**
 * The forms an access request's identifiers must have, checked character by character because
 * the check runs on every access: the same forms as {@link org.callrec.spi.access.Grant#IDENTIFIER}
 * and {@code rec-} followed by 32 lower-case hexadecimal digits.
 */
final class IdentifierForm {
    private static final int MAXIMUM_LENGTH = 64;
    private static final String RECORDING_PREFIX = "rec-";
    private static final int RECORDING_DIGITS = 32;

    /** The characters allowed after the first, by code; a table, as it runs on every access. */
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 0; c < ALLOWED.length; c++) {
            ALLOWED[c] = isAlphanumeric(c) || c == '.' || c == '_' || c == ':' || c == '/'
                    || c == '-';
        }
    }

    private IdentifierForm() {
    }

    /** Returns whether a value is 1 to 64 of {@code [A-Za-z0-9._:/-]}, starting alphanumeric. */
    static boolean isIdentifier(String value) {
        int length = value.length();
        if (length == 0 || length > MAXIMUM_LENGTH || !isAlphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (c >= ALLOWED.length || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether a value is {@code rec-} followed by 32 lower-case hexadecimal digits. */
    static boolean isRecordingId(String value) {
        if (value.length() != RECORDING_PREFIX.length() + RECORDING_DIGITS
                || !value.startsWith(RECORDING_PREFIX)) {
            return false;
        }
        for (int i = RECORDING_PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
