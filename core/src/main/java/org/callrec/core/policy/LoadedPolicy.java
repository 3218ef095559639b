package org.callrec.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A policy together with where it came from and what was noticed on loading it.
 *
 * @param policy the policy; never null
 * @param sha256 the SHA-256 of the file's bytes in lower-case hex, so that a recording or an
 *     audit entry can name exactly which file applied; never null
 * @param source the file or stream the policy came from; never null
 * @param warnings what the loader warned about, one sentence each (a review date passed, a
 *     statement out of date); empty when there is nothing; never null
 */
public record LoadedPolicy(Policy policy, String sha256, String source, List<String> warnings) {

    /** Creates the result, copying the warnings. */
    public LoadedPolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        warnings = List.copyOf(warnings);
    }
}
