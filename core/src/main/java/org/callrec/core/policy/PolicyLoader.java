package org.callrec.core.policy;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.callrec.core.policy.internal.YamlBinding;
import org.callrec.core.policy.internal.YamlDocument;
import org.callrec.core.policy.internal.YamlProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a policy file (YAML) into a {@link Policy}, or explains everything that is wrong with it.
 *
 * <p>Keys are written in kebab case after the model's components ({@code review-by},
 * {@code recordable-calls}, {@code restart-when-they-leave}), enum values in lower kebab case
 * ({@code wait-for-evidence}, {@code call-end}), durations in ISO-8601 ({@code P90D}), dates in
 * ISO ({@code 2025-02-03}) and time zones as zone ids ({@code Europe/London}).
 *
 * <p>A file is checked in four steps, and the problems of all four are reported together in one
 * {@link PolicyFileException}: the YAML itself (size, syntax, no anchors, aliases or tags), the
 * keys and the type of every value, the constraints of the model records, and the consistency of
 * the rules with each other (review after issue, unique purpose ids, no team both recorded and
 * stopping recording, a retention period between an hour and 100 years, clause numbers). Every
 * text value is at most 1,024 characters and holds no control characters.
 *
 * <p>A policy past its review date still loads and applies, with a warning, as does one with
 * general notices out of date. Logs name the version, organisation, source and SHA-256 of the
 * file, never anything else it holds. Instances are immutable and safe to share.
 */
public final class PolicyLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoader.class);

    private final Clock clock;

    /**
     * Creates a loader.
     *
     * @param clock the clock that decides whether the policy is past review; never null
     */
    public PolicyLoader(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Loads a policy file.
     *
     * @param file the file; never null
     * @return the policy; never null
     * @throws PolicyFileException listing every problem when the file cannot be used
     */
    public Policy load(Path file) {
        return loadWithDigest(file).policy();
    }

    /**
     * Loads a policy from a stream, which the caller closes.
     *
     * @param in the policy's bytes; never null
     * @param sourceName the name problems and logs give the stream, such as a file name
     * @return the policy; never null
     * @throws PolicyFileException listing every problem when the content cannot be used
     */
    public Policy load(InputStream in, String sourceName) {
        return loadWithDigest(in, sourceName).policy();
    }

    /**
     * Loads a policy file, with the SHA-256 of its bytes and the warnings it raised.
     *
     * @param file the file; never null
     * @return the policy and what is known about its file; never null
     * @throws PolicyFileException listing every problem when the file cannot be used
     */
    public LoadedPolicy loadWithDigest(Path file) {
        return bind(YamlDocument.read(file));
    }

    /**
     * Loads a policy from a stream, which the caller closes, with the SHA-256 of its bytes and
     * the warnings it raised.
     *
     * @param in the policy's bytes; never null
     * @param sourceName the name problems and logs give the stream, such as a file name
     * @return the policy and what is known about its source; never null
     * @throws PolicyFileException listing every problem when the content cannot be used
     */
    public LoadedPolicy loadWithDigest(InputStream in, String sourceName) {
        return bind(YamlDocument.read(in, sourceName));
    }

    private LoadedPolicy bind(YamlDocument document) {
        YamlBinding binding = new YamlBinding(document.problems());
        Policy policy = document.root()
                .flatMap(binding::root)
                .map(PolicyBinder::policy)
                .orElse(null);
        if (policy != null) {
            PolicyConstraints.check(policy, binding);
            PolicyConsistency.check(policy, binding);
        }

        List<YamlProblem> problems = binding.finish();
        if (!problems.isEmpty()) {
            throw new PolicyFileException(document.source(), problems.stream()
                    .map(p -> new PolicyProblem(document.source(), p.path(), p.value(), p.rule(),
                            p.line()))
                    .toList());
        }

        LOG.info("policy {} of {} loaded from {} (sha256 {})", policy.version(),
                policy.organisation(), document.source(), document.sha256());
        List<String> warnings = warnings(policy);
        return new LoadedPolicy(policy, document.sha256(), document.source(), warnings);
    }

    private List<String> warnings(Policy policy) {
        List<String> warnings = new ArrayList<>();
        if (policy.isPastReview(clock)) {
            LOG.warn("policy {} is past its review date {}; it still applies until replaced",
                    policy.version(), policy.reviewBy());
            warnings.add("policy " + policy.version() + " is past its review date "
                    + policy.reviewBy() + "; it still applies until replaced");
        }

        LocalDate today = LocalDate.now(clock.withZone(policy.timeZone()));
        for (Statement statement : policy.outOfDateStatements(today)) {
            LOG.warn("policy {} statement {} (clause {}) is out of date since {}",
                    policy.version(), statement.id(), statement.clause(), statement.renewBy());
            warnings.add("statement " + statement.id() + " (clause " + statement.clause()
                    + ") is out of date since " + statement.renewBy());
        }
        return warnings;
    }
}
