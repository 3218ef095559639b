package org.callrec.examples.cli;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Masks what looks like a phone number in a line the tool prints. Library messages name ids
 * and rules only, but they quote the value a user typed, and a caller's number typed into the
 * wrong option (a staff id, a case, a call id) would otherwise be printed back to the terminal
 * and whatever records it.
 */
final class NumberRedaction {
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    /** Numbers are read as they are in the UK when written without a country code. */
    private static final String REGION = "GB";

    private NumberRedaction() {
    }

    /**
     * Returns the text with every valid phone number in it replaced by asterisks, keeping its
     * last two digits so that a user can still tell which value was refused. Only numbers that
     * could be dialled are masked: a looser reading masked dates, times and hexadecimal ids.
     */
    static String of(String text) {
        if (text == null) {
            return null;
        }

        StringBuilder masked = new StringBuilder(text);
        for (PhoneNumberMatch match : NUMBERS.findNumbers(text, REGION,
                PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            for (int i = match.start(); i < match.end() - 2; i++) {
                if (Character.isDigit(masked.charAt(i))) {
                    masked.setCharAt(i, '*');
                }
            }
        }
        return masked.toString();
    }
}
