package org.callrec.core.decision;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * Normalises phone numbers to E.164 with libphonenumber, reading national numbers in a default
 * region. Used for external parties only: the catalogue keeps the normalised number so that a
 * subject access request can find a person's calls however the number was written.
 */
final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    PhoneNumbers(String defaultRegion) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("default region '" + defaultRegion
                    + "' is not a region libphonenumber knows (ISO 3166 code such as GB)");
        }
    }

    /** Returns the number in E.164 form, or empty when the address is not a possible number. */
    Optional<String> toE164(String address) {
        try {
            PhoneNumber number = UTIL.parse(address, defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }
}
