package org.callrec.core.subject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Objects;

/**
 * Reads a phone number as a person writes it ({@code +44 20 ...}, {@code 020 ...},
 * {@code (020) ...}, {@code 0044...}, with spaces or dashes) and gives its E.164 form, the form
 * the catalogue's blind index is taken of. National numbers are read in a default region.
 */
public final class SubjectNumbers {
    /** The longest text read as a number; E.164 has at most 15 digits. */
    public static final int MAX_LENGTH = 64;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String SEPARATORS = " \u00a0-./()";

    private final String defaultRegion;

    /**
     * Creates a reader for a default region such as {@code GB}.
     *
     * @throws IllegalArgumentException naming the region when libphonenumber does not know it
     */
    public SubjectNumbers(String defaultRegion) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("default region '" + defaultRegion
                    + "' is not a region libphonenumber knows (ISO 3166 code such as GB)");
        }
    }

    /**
     * Returns the E.164 form of a number.
     *
     * <p>Only what a person writes a number with is read: decimal digits of any script, spaces
     * (also no-break spaces), dashes, dots, slashes, brackets and one leading {@code +}.
     * Anything else is refused rather than skipped: libphonenumber would read letters as keypad
     * digits or as an extension mark ({@code 020 7946 01x23} would become another number), and
     * a request must never find another person's recordings because of a slip of the hand.
     *
     * @throws InvalidSubjectQueryException when the text is longer than
     *     {@value #MAX_LENGTH} characters, holds a character a number is not written with, or
     *     is not a possible phone number; the message does not repeat the number
     */
    public String toE164(String written) {
        Objects.requireNonNull(written, "written");
        requireWrittenLikeANumber(written);
        String text = written.strip();
        // libphonenumber reads a leading 00 only for regions whose exit code it is; writing the
        // international prefix as 00 is common in the UK, so it is read as '+' here.
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        try {
            PhoneNumber number = UTIL.parse(text, defaultRegion);
            // Limitation: a number written without its area code ('7946 0123') is possible
            // locally and is read as a national number (+4479460123), as ingest reads it, so
            // it finds nothing of the person meant rather than being refused.
            if (UTIL.isPossibleNumber(number)) {
                return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // Reported below without the number.
        }
        throw refused(written, "is not a possible phone number in region " + defaultRegion);
    }

    private static void requireWrittenLikeANumber(String written) {
        if (written.length() > MAX_LENGTH) {
            throw refused(written, "is not a possible phone number: a number is written in at"
                    + " most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            boolean leadingPlus = c == '+' && written.substring(0, i).isBlank();
            if (!Character.isDigit(c) && SEPARATORS.indexOf(c) < 0 && !leadingPlus) {
                throw refused(written, "is not a possible phone number: it holds "
                        + String.format("U+%04X", (int) c) + " at position " + (i + 1)
                        + ", and a number is written with digits, spaces, dashes, dots, slashes"
                        + " or brackets and at most one leading '+'");
            }
        }
    }

    private static InvalidSubjectQueryException refused(String written, String rule) {
        return new InvalidSubjectQueryException(SubjectQuery.Kind.NUMBER, "the number given ("
                + written.length() + " characters) " + rule + " (clause 4.4)");
    }
}
