package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;

/**
 * How long recordings are kept (clause 4.2), counted in exact time.
 *
 * @param clause the clause this rule comes from
 * @param period the retention period, such as 90 days
 * @param countsFrom what the period counts from
 */
public record RetentionRule(
        @NotBlank String clause,
        @NotNull Duration period,
        @NotNull RetentionStart countsFrom) {

    /** Returns the retention deadline of a call that ended at the given instant. */
    public Instant deadlineFor(Instant callEnded) {
        return callEnded.plus(period);
    }
}
