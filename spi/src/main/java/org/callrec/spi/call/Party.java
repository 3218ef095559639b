package org.callrec.spi.call;

import java.util.Objects;

/**
 * One end of a call as the telephony platform names it: an extension, an account or a phone
 * number. Whether the party is staff, and in which team, is for the staff directory to say.
 *
 * <p>An address may be a phone number and so personal data: {@link #toString()} never shows it.
 *
 * @param address the platform's name for the party; never null or blank
 */
public record Party(String address) {
    /** Maximum length of an address; longer ones are refused as hostile input. */
    public static final int MAX_ADDRESS_LENGTH = 128;

    /**
     * Creates a party.
     *
     * @throws IllegalArgumentException when the address is blank, too long or has control
     *     characters
     */
    public Party {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("a party address must not be blank");
        }
        if (address.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("a party address must be at most "
                    + MAX_ADDRESS_LENGTH + " characters, was " + address.length());
        }
        for (int i = 0; i < address.length(); i++) {
            if (Character.isISOControl(address.charAt(i))) {
                throw new IllegalArgumentException(
                        "a party address must not contain control characters (at index " + i + ")");
            }
        }
    }

    /** Returns a party for the given address. */
    public static Party of(String address) {
        return new Party(address);
    }

    @Override
    public String toString() {
        return "Party[address=<redacted>]";
    }
}
