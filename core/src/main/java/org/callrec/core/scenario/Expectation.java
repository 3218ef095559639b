package org.callrec.core.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a whole scenario call must come to. A null component is not checked; an empty one must
 * be empty.
 *
 * @param spans the spans recorded and kept, in order, or null
 * @param discarded the spans recorded and then to be discarded (an objection under a policy that
 *     does not keep earlier recording), or null
 * @param clauses every clause the call's decisions cite, or null
 * @param flags the call's flags, such as {@code notice-missing} or {@code child}, or null
 * @param deadlineAfterEnd how long after the call's end its retention deadline falls, or null
 * @param deadline the retention deadline as an instant, or null
 * @param lawfulBasis the lawful basis the call's recordings rest on, or null
 */
public record Expectation(
        List<ExpectedSpan> spans,
        List<ExpectedSpan> discarded,
        Set<String> clauses,
        Set<String> flags,
        Duration deadlineAfterEnd,
        Instant deadline,
        String lawfulBasis) {

    /** An expectation that checks nothing beyond the steps. */
    public static final Expectation NONE =
            new Expectation(null, null, null, null, null, null, null);

    /** Creates an expectation, copying what it is given. */
    public Expectation {
        spans = spans == null ? null : List.copyOf(spans);
        discarded = discarded == null ? null : List.copyOf(discarded);
        clauses = clauses == null ? null : Set.copyOf(clauses);
        flags = flags == null ? null : Set.copyOf(flags);
    }
}
