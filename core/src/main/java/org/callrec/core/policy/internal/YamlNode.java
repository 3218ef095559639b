package org.callrec.core.policy.internal;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of a parsed YAML document, with the line it starts on. */
public sealed interface YamlNode {

    /** Returns the 1-based line the node starts on. */
    int line();

    /** Returns the node as it is named in a problem: a scalar's text, or its kind. */
    String shown();

    /**
     * A scalar as written: its text, and the token type the parser gave it, which tells a plain
     * {@code true} from a quoted {@code "true"}.
     *
     * @param text the scalar's text; null for a YAML null
     * @param token the parser's token type
     * @param line the 1-based line it starts on
     */
    record Scalar(String text, JsonToken token, int line) implements YamlNode {

        /** Returns whether the scalar is a YAML null ({@code ~}, {@code null} or nothing). */
        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        @Override
        public String shown() {
            return text;
        }
    }

    /**
     * A mapping, with its keys in the order they were written.
     *
     * @param entries keys to values
     * @param line the 1-based line it starts on
     */
    record Mapping(Map<String, YamlNode> entries, int line) implements YamlNode {

        /** Creates the mapping, keeping the key order in an unmodifiable copy. */
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String shown() {
            return "(a mapping)";
        }
    }

    /**
     * A sequence.
     *
     * @param items the items in order
     * @param line the 1-based line it starts on
     */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {

        /** Creates the sequence, copying the items. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String shown() {
            return "(a list)";
        }
    }
}
