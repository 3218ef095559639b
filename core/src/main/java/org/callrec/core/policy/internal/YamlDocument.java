package org.callrec.core.policy.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML file read defensively: bounded in size and depth, one document, no anchors, aliases or
 * explicit tags. Reading never throws for bad content; what is wrong is collected as problems.
 *
 * <p>Anchors and aliases are refused outright rather than bounded: Jackson's YAML parser does not
 * expand aliases (it hands back the anchor's name as text), so a policy written with them would
 * silently mean something else than it says, and refusing them also ends "billion laughs" files.
 */
public final class YamlDocument {

    /** The largest file accepted, in bytes: far above any real policy or directory. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The deepest nesting of mappings and lists accepted. */
    public static final int MAX_DEPTH = 16;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    // A backstop only: the tree builder stops at MAX_DEPTH first, naming the path.
                    .maxNestingDepth(MAX_DEPTH * 2)
                    .maxStringLength(MAX_BYTES)
                    .maxDocumentLength(MAX_BYTES)
                    .build())
            .build();

    private final String source;
    private final String sha256;
    private final YamlNode root;
    private final List<YamlProblem> problems;

    private YamlDocument(String source, String sha256, YamlNode root, List<YamlProblem> problems) {
        this.source = source;
        this.sha256 = sha256;
        this.root = root;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads and parses a file.
     *
     * @param file the file; never null
     * @return the document, with problems when it cannot be read or parsed; never null
     */
    public static YamlDocument read(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            return failed(source, "the file does not exist or is not a regular file");
        }

        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (IOException e) {
            return failed(source, "the file cannot be read: " + e);
        }
    }

    /**
     * Reads and parses a stream, which the caller closes.
     *
     * @param in the stream; never null
     * @param source the name problems give the stream, such as a file name; never null
     * @return the document, with problems when it cannot be read or parsed; never null
     */
    public static YamlDocument read(InputStream in, String source) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return failed(source, "the file cannot be read: " + e);
        }

        if (bytes.length > MAX_BYTES) {
            return failed(source, "the file is larger than the limit of " + MAX_BYTES + " bytes");
        }
        List<YamlProblem> problems = new ArrayList<>();
        YamlNode root = parse(bytes, problems);
        return new YamlDocument(source, sha256(bytes), root, problems);
    }

    private static YamlDocument failed(String source, String rule) {
        return new YamlDocument(source, null, null, List.of(new YamlProblem("", null, rule, 0)));
    }

    /** Returns the name of the file or stream the document came from; never null. */
    public String source() {
        return source;
    }

    /** Returns the SHA-256 of the bytes read, in lower-case hex; null if they were not read. */
    public String sha256() {
        return sha256;
    }

    /** Returns the root node, or empty when the file is empty or could not be parsed. */
    public Optional<YamlNode> root() {
        return Optional.ofNullable(root);
    }

    /** Returns what stopped the file from being read or parsed; empty when nothing did. */
    public List<YamlProblem> problems() {
        return problems;
    }

    private static YamlNode parse(byte[] bytes, List<YamlProblem> problems) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            YamlNode root = first == null ? null : new TreeBuilder(parser).node(first, "", 0);
            if (root == null || root instanceof YamlNode.Scalar s && s.isNull()) {
                problems.add(new YamlProblem("", null,
                        "the file is empty; it must be a mapping of keys to values", 1));
                return null;
            }

            if (parser.nextToken() != null) {
                problems.add(new YamlProblem("", null,
                        "the file holds more than one YAML document; only one is allowed",
                        line(parser.currentTokenLocation())));
                return null;
            }
            return root;
        } catch (Refused e) {
            problems.add(e.problem);
            return null;
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return null;
        } catch (YAMLException e) {
            String reason = firstLine(e.getMessage());
            problems.add(new YamlProblem("", null, "is not valid YAML: " + reason, 0));
            return null;
        } catch (IOException e) {
            problems.add(new YamlProblem("", null, "the file cannot be parsed: " + e, 0));
            return null;
        }
    }

    private static YamlProblem syntaxProblem(JsonProcessingException e) {
        // Limitation: the line is where SnakeYAML noticed the fault, which for an unclosed quote
        // is where the runaway string ends, possibly lines after the quote that opened it.
        MarkedYAMLException marked = marked(e);
        if (marked != null && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String reason = firstLine(marked.getProblem());
            if (marked.getContext() != null) {
                reason += " (" + firstLine(marked.getContext()) + ")";
            }
            return syntaxProblem(mark.getLine() + 1, mark.getColumn() + 1, reason);
        }

        // Jackson's own checks (such as a key written twice) carry no SnakeYAML mark; their
        // location is that of the last token read, close to the fault.
        JsonLocation where = e.getLocation();
        int column = where == null ? 0 : where.getColumnNr();
        return syntaxProblem(line(where), column, firstLine(e.getOriginalMessage()));
    }

    private static YamlProblem syntaxProblem(int line, int column, String reason) {
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return new YamlProblem("", null, "is not valid YAML" + where + ": " + reason, line);
    }

    private static MarkedYAMLException marked(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String trimmed = message.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        return options;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Builds the node tree from parser tokens, refusing what a policy file has no use for. */
    private static final class TreeBuilder {
        private final JsonParser parser;

        TreeBuilder(JsonParser parser) {
            this.parser = parser;
        }

        YamlNode node(JsonToken token, String path, int depth) throws IOException {
            int line = line(parser.currentTokenLocation());
            refuseAnchorsAliasesAndTags(path, line);
            if (depth > MAX_DEPTH) {
                throw new Refused(new YamlProblem(path, null,
                        "is nested deeper than the limit of " + MAX_DEPTH + " levels", line));
            }

            if (token == JsonToken.START_OBJECT) {
                return mapping(path, depth, line);
            }
            if (token == JsonToken.START_ARRAY) {
                return sequence(path, depth, line);
            }
            String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
            return new YamlNode.Scalar(text, token, line);
        }

        private YamlNode mapping(String path, int depth, int line) throws IOException {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                int keyLine = line(parser.currentTokenLocation());
                YamlNode value = node(parser.nextToken(), keyPath, depth + 1);
                if (entries.putIfAbsent(key, value) != null) {
                    throw new Refused(new YamlProblem(keyPath, key,
                            "the key appears twice in the same mapping", keyLine));
                }
            }
            return new YamlNode.Mapping(entries, line);
        }

        private YamlNode sequence(String path, int depth, int line) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                items.add(node(next, path + "[" + items.size() + "]", depth + 1));
            }
            return new YamlNode.Sequence(items, line);
        }

        private void refuseAnchorsAliasesAndTags(String path, int line) throws IOException {
            YAMLParser yaml = (YAMLParser) parser;
            if (yaml.isCurrentAlias()) {
                throw new Refused(new YamlProblem(path, "*" + yaml.getText(),
                        "YAML aliases are not allowed; write the value out in full", line));
            }
            if (yaml.getCurrentAnchor() != null) {
                throw new Refused(new YamlProblem(path, "&" + yaml.getCurrentAnchor(),
                        "YAML anchors are not allowed; write the value out in full", line));
            }
            if (yaml.getTypeId() != null) {
                throw new Refused(new YamlProblem(path, "!" + yaml.getTypeId(),
                        "explicit YAML tags are not allowed", line));
            }
        }
    }

    /** Stops parsing at the first construct that is refused outright. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient YamlProblem problem;

        Refused(YamlProblem problem) {
            super(problem.rule(), null, false, false);
            this.problem = problem;
        }
    }
}
