package org.callrec.spi.storage;

/** Thrown when an object key breaks one of the rules of {@link ObjectKey}. */
public class InvalidObjectKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /** Creates the exception for a key and the rule it broke. */
    public InvalidObjectKeyException(String key, String rule) {
        super("object key '" + printable(key) + "' " + rule);
        this.key = key;
    }

    /** Returns the refused key as given. */
    public String key() {
        return key;
    }

    private static String printable(String key) {
        StringBuilder shown = new StringBuilder();
        int limit = Math.min(key.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return key.length() > limit ? shown + "..." : shown.toString();
    }
}
