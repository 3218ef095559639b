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
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

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
     * @throws IllegalArgumentException when the text is not a possible phone number; the
     *     message does not repeat the number
     */
    public String toE164(String written) {
        Objects.requireNonNull(written, "written");
        String text = written.strip();
        // libphonenumber reads a leading 00 only for regions whose exit code it is; writing the
        // international prefix as 00 is common in the UK, so it is read as '+' here.
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        try {
            PhoneNumber number = UTIL.parse(text, defaultRegion);
            if (UTIL.isPossibleNumber(number)) {
                return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // Reported below without the number.
        }
        throw new IllegalArgumentException("the number given (" + written.length()
                + " characters) is not a possible phone number in region " + defaultRegion);
    }
}
