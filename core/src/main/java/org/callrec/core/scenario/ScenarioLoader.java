package org.callrec.core.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.callrec.core.policy.internal.YamlBinding;
import org.callrec.core.policy.internal.YamlDocument;
import org.callrec.core.policy.internal.YamlProblem;
import org.callrec.core.policy.internal.YamlSection;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.directory.StaffMember;

/**
 * Reads a scenario file (YAML) into a {@link ScenarioFile}, or explains everything that is wrong
 * with it in one {@link ScenarioFileException}.
 *
 * <p>The file names its staff directory, either inline ({@code staff:}, a list of {@code id},
 * {@code teams}, {@code roles} and {@code addresses}, as a staff directory file writes it) or as
 * a file ({@code directory: directory-hr.yaml}, relative to the scenario file), and optionally
 * the instant its calls start at ({@code start:}). Each of its {@code scenarios} has a
 * {@code name}, {@code steps} (one line each, see the README) and an {@code expect}
 * with {@code clauses} (every clause the call cites), {@code spans}, {@code discarded} and
 * {@code flags} (absent means none), and optionally {@code deadline} (an instant, or
 * {@code P90D after end}) and {@code lawful-basis}.
 *
 * <p>Instances are stateless and safe to share.
 */
public final class ScenarioLoader {

    private static final String INSTANT = "must be an ISO instant, such as 2025-03-03T09:00:00Z";

    /**
     * Loads a scenario file.
     *
     * @param file the file; never null
     * @return the scenarios; never null
     * @throws ScenarioFileException listing every problem when the file cannot be used
     */
    public ScenarioFile load(Path file) {
        YamlDocument document = YamlDocument.read(file);
        YamlBinding binding = new YamlBinding(document.problems());
        List<ScenarioProblem> directoryProblems = new ArrayList<>();
        ScenarioFile loaded = document.root().flatMap(binding::root)
                .map(root -> bind(file, document.source(), root, binding, directoryProblems))
                .orElse(null);

        List<ScenarioProblem> problems = new ArrayList<>(directoryProblems);
        for (YamlProblem p : binding.finish()) {
            problems.add(new ScenarioProblem(document.source(), p.path(), p.value(), p.rule(),
                    p.line()));
        }
        if (!problems.isEmpty() || loaded == null) {
            throw new ScenarioFileException(document.source(), problems);
        }
        return loaded;
    }

    private ScenarioFile bind(Path file, String source, YamlSection root, YamlBinding binding,
            List<ScenarioProblem> directoryProblems) {
        Instant start = Optional.ofNullable(root.optionalValue("start", Instant::parse, INSTANT))
                .orElse(ScenarioFile.DEFAULT_START);
        ScenarioDirectory directory = directory(file, root, binding, directoryProblems);

        List<CallScenario> scenarios = new ArrayList<>();
        for (YamlSection section : root.sections("scenarios", true)) {
            scenario(section, directory, binding).ifPresent(scenarios::add);
        }
        return new ScenarioFile(source, start, directory, scenarios);
    }

    private ScenarioDirectory directory(Path file, YamlSection root, YamlBinding binding,
            List<ScenarioProblem> directoryProblems) {
        String named = root.optionalText("directory");
        List<YamlSection> inline = root.sections("staff", false);
        if (named != null && !inline.isEmpty()) {
            binding.report("directory", named, "name a directory file or list staff inline,"
                    + " not both");
        }
        if (named == null) {
            if (inline.isEmpty()) {
                binding.report("staff", null, "is required: list the staff inline, or name a"
                        + " directory file with 'directory:'");
            }
            return ScenarioDirectory.of(inline.stream().map(ScenarioLoader::entry).toList());
        }

        Path directoryFile = file.toAbsolutePath().getParent().resolve(named);
        YamlDocument document = YamlDocument.read(directoryFile);
        YamlBinding ofDirectory = new YamlBinding(document.problems());
        List<ScenarioDirectory.Entry> entries = document.root().flatMap(ofDirectory::root)
                .map(r -> r.sections("staff", true).stream().map(ScenarioLoader::entry)
                        .toList())
                .orElse(List.of());
        for (YamlProblem p : ofDirectory.finish()) {
            directoryProblems.add(new ScenarioProblem(document.source(), p.path(), p.value(),
                    p.rule(), p.line()));
        }
        return ScenarioDirectory.of(entries.stream().filter(e -> e != null).toList());
    }

    private static ScenarioDirectory.Entry entry(YamlSection s) {
        String id = s.text("id");
        List<String> teams = s.texts("teams", false);
        List<String> roles = s.texts("roles", false);
        List<String> addresses = s.texts("addresses", false);
        if (id == null || id.isBlank()) {
            return null;
        }
        return new ScenarioDirectory.Entry(
                new StaffMember(id, Set.copyOf(teams), Set.copyOf(roles)), addresses);
    }

    private Optional<CallScenario> scenario(YamlSection s, ScenarioDirectory directory,
            YamlBinding binding) {
        String name = s.text("name");
        List<String> texts = s.texts("steps", true);
        Expectation expectation = s.section("expect").map(e -> expectation(e, binding))
                .orElse(Expectation.NONE);
        if (texts.isEmpty()) {
            return Optional.empty();
        }

        List<ScenarioStep> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (String text : texts) {
            boolean first = text.equals(texts.get(0));
            String path = binding.itemPath(s.path("steps"), text);
            try {
                ScenarioStep step = StepGrammar.read(text, binding.lineOf(path));
                checkStep(step, first, previous, directory);
                steps.add(step);
                previous = step.offset();
            } catch (IllegalArgumentException | StepGrammar.StepSyntaxException e) {
                binding.report(path, text, e.getMessage());
                previous = timeOf(text, previous);
            }
        }
        if (name == null || steps.size() != texts.size()) {
            return Optional.empty();
        }
        return Optional.of(new CallScenario(name, binding.lineOf(s.path("name")), steps,
                expectation));
    }

    /** Returns the time a step was written at, even when the rest of it is wrong. */
    private static Duration timeOf(String text, Duration previous) {
        String[] words = text.strip().split("\\s+", 2);
        Duration offset = StepTimes.parse(words[0]);
        return offset == null || offset.compareTo(previous) < 0 ? previous : offset;
    }

    private static void checkStep(ScenarioStep step, boolean first, Duration previous,
            ScenarioDirectory directory) {
        boolean starts = step.type() == CallEventType.CALL_STARTED;
        if (first != starts) {
            throw new IllegalArgumentException(first
                    ? "the first step must start the call: '+0s call from ... to ...'"
                    : "only the first step starts the call");
        }
        if (step.offset().compareTo(previous) < 0) {
            throw new IllegalArgumentException("happens at " + StepTimes.show(step.offset())
                    + ", before the step above it at " + StepTimes.show(previous));
        }
        for (PartyRef party : new PartyRef[] {step.party(), step.target(), step.by()}) {
            if (party != null) {
                directory.addressOf(party);
            }
        }
    }

    private static Expectation expectation(YamlSection e, YamlBinding binding) {
        List<ExpectedSpan> spans = spans(e, "spans", binding);
        List<ExpectedSpan> discarded = spans(e, "discarded", binding);
        // What an expectation does not list, it expects not to happen: no span, no flag.
        Set<String> clauses = new LinkedHashSet<>(e.texts("clauses", true));
        Set<String> flags = new LinkedHashSet<>(e.texts("flags", false));
        String deadline = e.optionalText("deadline");
        String basis = e.optionalText("lawful-basis");

        Duration afterEnd = null;
        Instant at = null;
        if (deadline != null && deadline.endsWith(" after end")) {
            afterEnd = read(() -> Duration.parse(deadline.substring(0,
                    deadline.length() - " after end".length()).strip()));
        } else if (deadline != null) {
            at = read(() -> Instant.parse(deadline));
        }
        if (deadline != null && afterEnd == null && at == null) {
            binding.report(e.path("deadline"), deadline, "must be an ISO instant such as"
                    + " 2025-06-01T09:01:00Z, or a duration after the end such as"
                    + " 'P90D after end'");
        }
        return new Expectation(spans, discarded, clauses, flags, afterEnd, at, basis);
    }

    private static List<ExpectedSpan> spans(YamlSection e, String key, YamlBinding binding) {
        List<ExpectedSpan> spans = new ArrayList<>();
        for (String text : e.texts(key, false)) {
            String[] ends = text.split("\\s+to\\s+");
            Duration from = ends.length == 2 ? StepTimes.parse(ends[0].strip()) : null;
            Duration to = ends.length == 2 ? StepTimes.parse(ends[1].strip()) : null;
            if (from == null || to == null || to.compareTo(from) < 0) {
                binding.report(binding.itemPath(e.path(key), text), text,
                        "must be a span such as '+5s to +30s'");
            } else {
                spans.add(new ExpectedSpan(from, to));
            }
        }
        return spans;
    }

    private static <T> T read(java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
