package org.callrec.core.policy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass of binding a YAML tree to typed values. It hands out {@link YamlSection}s, remembers
 * where every value was written, and collects every problem instead of stopping at the first, so
 * that a broken file is explained in one go.
 *
 * <p>Not thread-safe: one binding serves one load.
 */
public final class YamlBinding {

    private final List<YamlProblem> problems;
    private final List<YamlSection> sections = new ArrayList<>();
    private final Map<String, YamlNode> nodes = new HashMap<>();

    /**
     * Starts a binding.
     *
     * @param earlier problems already found while reading the file, kept first
     */
    public YamlBinding(List<YamlProblem> earlier) {
        this.problems = new ArrayList<>(earlier);
    }

    /**
     * Returns the document's root as a section, or empty (with a problem) when it is not a
     * mapping.
     */
    public Optional<YamlSection> root(YamlNode root) {
        if (root instanceof YamlNode.Mapping mapping) {
            return Optional.of(section("", mapping));
        }
        report("", root.shown(), "the file must be a mapping of keys to values", root.line());
        return Optional.empty();
    }

    /**
     * Records a problem found after binding (a constraint or a consistency check), placing it on
     * the line of the nearest value written at or above the path. When the path holds a scalar,
     * the problem shows it as written ({@code P0D}) rather than as bound ({@code PT0S}).
     */
    public void report(String path, String value, String rule) {
        String shown = nodes.get(path) instanceof YamlNode.Scalar s ? s.text() : value;
        report(path, shown, rule, lineAt(path));
    }

    /** Returns whether a problem was already recorded at the path or at any value inside it. */
    public boolean hasProblemAt(String path) {
        return problems.stream().anyMatch(p -> path.equals(p.path())
                || path.startsWith(p.path() + ".") || path.startsWith(p.path() + "["));
    }

    /**
     * Returns the path of the first item of a list of scalars whose text is the given value, such
     * as {@code stop-recording.teams[1]}; the list's own path when there is none.
     */
    public String itemPath(String listPath, String text) {
        if (nodes.get(listPath) instanceof YamlNode.Sequence sequence) {
            List<YamlNode> items = sequence.items();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof YamlNode.Scalar s && text.equals(s.text())) {
                    return listPath + "[" + i + "]";
                }
            }
        }
        return listPath;
    }

    /**
     * Ends the binding: reports every key that no section read, and returns all problems in the
     * order of the lines they concern.
     */
    public List<YamlProblem> finish() {
        for (YamlSection section : sections) {
            section.reportUnknownKeys();
        }
        List<YamlProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(YamlProblem::line));
        return List.copyOf(sorted);
    }

    /**
     * Returns the 1-based line of the nearest value read at or above the path, or 0 when none
     * was; for callers that keep the line of what they bound, such as a scenario step.
     */
    public int lineOf(String path) {
        return lineAt(path);
    }

    YamlSection section(String path, YamlNode.Mapping mapping) {
        YamlSection section = new YamlSection(this, path, mapping);
        sections.add(section);
        remember(path, mapping);
        return section;
    }

    void remember(String path, YamlNode node) {
        nodes.put(path, node);
    }

    void report(String path, String value, String rule, int line) {
        problems.add(new YamlProblem(path, value, rule, line));
    }

    int lineAt(String path) {
        String current = path;
        while (!current.isEmpty()) {
            YamlNode node = nodes.get(current);
            if (node != null) {
                return node.line();
            }
            current = parent(current);
        }
        YamlNode root = nodes.get("");
        return root == null ? 0 : root.line();
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
