package org.callrec.asterisk;

import java.util.List;
import java.util.Map;

/**
 * One AMI message as read from the wire: its fields in the order they came, and the line on
 * which it started. Keys keep their case; look-ups ignore it, as Asterisk does for actions.
 */
final class AmiMessage {
    private final long line;
    private final List<Map.Entry<String, String>> fields;

    AmiMessage(long line, List<Map.Entry<String, String>> fields) {
        this.line = line;
        this.fields = List.copyOf(fields);
    }

    /** Returns the 1-based line on which the message started. */
    long line() {
        return line;
    }

    /** Returns the value of the first field with this key, or null when there is none. */
    String get(String key) {
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(key)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** Returns the value of the {@code Event} field, or null for an action or response. */
    String event() {
        return get("Event");
    }

    int size() {
        return fields.size();
    }

    /** Names the event and line only: field values may be phone numbers or names. */
    @Override
    public String toString() {
        return "AmiMessage[" + event() + " at line " + line + ", " + fields.size() + " fields]";
    }
}
