package org.callrec.core.policy.internal;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A mapping of the YAML tree being bound. Each read names a key, checks the value's type and
 * records a problem with the key's path when it is wrong; keys that no read asks for are reported
 * as unknown when the binding finishes.
 *
 * <p>A read that fails returns null (or false, or an empty list), so that binding can go on and
 * find the file's other problems. A section standing in for a value that is not a mapping is
 * silent: its reads return nothing and report nothing, because the value was reported already.
 */
public final class YamlSection {

    /** Turns the text of a scalar into a value, throwing any runtime exception when it cannot. */
    @FunctionalInterface
    public interface Reader<T> {
        /** Returns the value the text stands for. */
        T read(String text);
    }

    /** The longest text value accepted, in characters: far above any real name or sentence. */
    public static final int MAX_TEXT_LENGTH = 1024;

    /** The rule a text value holding a control character breaks. */
    public static final String CONTROL_CHARACTER_RULE = "must not contain control characters"
            + " (U+0000-U+001F, U+007F-U+009F), tabs and line breaks included";

    /** The rule a text value longer than {@link #MAX_TEXT_LENGTH} breaks. */
    public static final String LENGTH_RULE =
            "must be at most " + MAX_TEXT_LENGTH + " characters long";

    private final YamlBinding binding;
    private final String path;
    private final YamlNode.Mapping mapping;
    private final Set<String> readKeys = new HashSet<>();

    YamlSection(YamlBinding binding, String path, YamlNode.Mapping mapping) {
        this.binding = binding;
        this.path = path;
        this.mapping = mapping;
    }

    /** Returns this section's path, empty for the root. */
    public String path() {
        return path;
    }

    /** Returns the text of a required scalar, or null after reporting it missing or wrong. */
    public String text(String key) {
        return text(key, true);
    }

    /** Returns the text of an optional scalar, or null when it is absent. */
    public String optionalText(String key) {
        return text(key, false);
    }

    /** Returns a required {@code true} or {@code false}; false after reporting a problem. */
    public boolean flag(String key) {
        YamlNode node = take(key, true);
        if (node == null) {
            return false;
        }

        if (node instanceof YamlNode.Scalar s && isBoolean(s)) {
            return Boolean.parseBoolean(s.text());
        }
        reportAt(key, node, "must be true or false (unquoted)");
        return false;
    }

    /**
     * Returns a required scalar read by the reader, or null after reporting a problem.
     *
     * @param rule what the value must be, used when the reader refuses the text
     */
    public <T> T value(String key, Reader<T> reader, String rule) {
        return value(key, reader, rule, true);
    }

    /** Returns an optional scalar read by the reader, or null when absent or refused. */
    public <T> T optionalValue(String key, Reader<T> reader, String rule) {
        return value(key, reader, rule, false);
    }

    /** Returns a required enum constant written in kebab case, or null after a problem. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String text = text(key, true);
        return text == null ? null : choice(key, text, type);
    }

    /**
     * Returns the non-blank, distinct texts of a list; blank or repeated items are reported and
     * left out.
     *
     * @param required whether a missing list is a problem; an absent optional list is empty
     */
    public List<String> texts(String key, boolean required) {
        List<String> texts = new ArrayList<>();
        List<YamlNode> items = items(key, required);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path(key) + "[" + i + "]";
            String text = itemText(itemPath, items.get(i));
            if (text == null) {
                continue;
            }

            if (text.isBlank()) {
                binding.report(itemPath, text, "must not be blank", items.get(i).line());
            } else if (texts.contains(text)) {
                binding.report(itemPath, text, "is listed twice", items.get(i).line());
            } else {
                texts.add(text);
            }
        }
        return texts;
    }

    /** Returns the enum constants of a required list; bad items are reported and left out. */
    public <E extends Enum<E>> List<E> choices(String key, Class<E> type) {
        List<E> choices = new ArrayList<>();
        List<YamlNode> items = items(key, true);
        for (int i = 0; i < items.size(); i++) {
            String itemKey = key + "[" + i + "]";
            String text = itemText(path(itemKey), items.get(i));
            E choice = text == null ? null : choice(itemKey, text, type);
            if (choice != null && choices.contains(choice)) {
                binding.report(path(itemKey), text, "is listed twice", items.get(i).line());
            } else if (choice != null) {
                choices.add(choice);
            }
        }
        return choices;
    }

    /** Returns a required nested mapping, or empty after reporting it missing or wrong. */
    public Optional<YamlSection> section(String key) {
        YamlNode node = take(key, true);
        if (node == null) {
            return Optional.empty();
        }

        if (node instanceof YamlNode.Mapping nested) {
            return Optional.of(binding.section(path(key), nested));
        }
        reportAt(key, node, "must be a mapping of keys to values");
        return Optional.empty();
    }

    /**
     * Returns a section for every item of a list of mappings. An item that is not a mapping is
     * reported and stands as a silent section, so that item indexes stay as written.
     *
     * @param required whether a missing list is a problem; an absent optional list is empty
     */
    public List<YamlSection> sections(String key, boolean required) {
        List<YamlSection> sections = new ArrayList<>();
        List<YamlNode> items = items(key, required);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path(key) + "[" + i + "]";
            YamlNode item = items.get(i);
            if (item instanceof YamlNode.Mapping nested) {
                sections.add(binding.section(itemPath, nested));
            } else {
                binding.report(itemPath, item.shown(), "must be a mapping of keys to values",
                        item.line());
                sections.add(new YamlSection(binding, itemPath, null));
            }
        }
        return sections;
    }

    /** Returns the path of a key of this section, such as {@code retention.period}. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Returns the kebab-case name of an enum constant, as policy files write it: {@code
     * WAIT_FOR_EVIDENCE} is {@code wait-for-evidence}.
     */
    public static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the kebab-case name of a Java property, as policy files write it: {@code reviewBy}
     * is {@code review-by}.
     */
    public static String kebab(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    void reportUnknownKeys() {
        if (mapping == null) {
            return;
        }
        for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
            if (!readKeys.contains(entry.getKey())) {
                binding.report(path(entry.getKey()), entry.getKey(),
                        "is not a known key here; known keys: " + known(),
                        entry.getValue().line());
            }
        }
    }

    private String known() {
        return readKeys.stream().sorted().collect(Collectors.joining(", "));
    }

    private String text(String key, boolean required) {
        YamlNode node = take(key, required);
        return node == null ? null : itemText(path(key), node);
    }

    private <T> T value(String key, Reader<T> reader, String rule, boolean required) {
        String text = text(key, required);
        if (text == null) {
            return null;
        }

        try {
            return reader.read(text);
        } catch (RuntimeException e) {
            binding.report(path(key), text, rule, mapping.entries().get(key).line());
            return null;
        }
    }

    private <E extends Enum<E>> E choice(String key, String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (kebab(constant).equals(text)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants())
                .map(YamlSection::kebab)
                .collect(Collectors.joining(", "));
        binding.report(path(key), text, "must be one of: " + accepted, binding.lineAt(path(key)));
        return null;
    }

    private List<YamlNode> items(String key, boolean required) {
        YamlNode node = take(key, required);
        if (node == null) {
            return List.of();
        }

        if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                binding.remember(path(key) + "[" + i + "]", sequence.items().get(i));
            }
            return sequence.items();
        }
        reportAt(key, node, "must be a list, such as [a, b] or one '- item' per line");
        return List.of();
    }

    private String itemText(String itemPath, YamlNode node) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            return safeText(itemPath, s);
        }
        String rule = node instanceof YamlNode.Scalar
                ? "must not be empty"
                : "must be a single value, not " + node.shown();
        binding.report(itemPath, node.shown(), rule, node.line());
        return null;
    }

    /**
     * Returns the scalar's text, or null after reporting it: every value a file gives ends up in
     * decisions, audit entries, logs and terminals, where a control character could forge a line
     * or move the cursor, and a huge value could flood them.
     */
    private String safeText(String itemPath, YamlNode.Scalar scalar) {
        String text = scalar.text();
        if (text.codePoints().anyMatch(YamlSection::isControl)) {
            binding.report(itemPath, text, CONTROL_CHARACTER_RULE, scalar.line());
            return null;
        }

        if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            binding.report(itemPath, text, LENGTH_RULE, scalar.line());
            return null;
        }
        return text;
    }

    private static boolean isControl(int codePoint) {
        return codePoint <= 0x1f || codePoint >= 0x7f && codePoint <= 0x9f;
    }

    /** Marks a key as known and returns its value, or null when it is absent or null. */
    private YamlNode take(String key, boolean required) {
        readKeys.add(key);
        if (mapping == null) {
            return null;
        }

        YamlNode node = mapping.entries().get(key);
        if (node == null || node instanceof YamlNode.Scalar s && s.isNull()) {
            if (required) {
                int line = node == null ? mapping.line() : node.line();
                binding.report(path(key), null, "is required", line);
            }
            return null;
        }
        binding.remember(path(key), node);
        return node;
    }

    private void reportAt(String key, YamlNode node, String rule) {
        binding.report(path(key), node.shown(), rule, node.line());
    }

    private static boolean isBoolean(YamlNode.Scalar scalar) {
        boolean token = scalar.token() == JsonToken.VALUE_TRUE
                || scalar.token() == JsonToken.VALUE_FALSE;
        return token && ("true".equals(scalar.text()) || "false".equals(scalar.text()));
    }
}
