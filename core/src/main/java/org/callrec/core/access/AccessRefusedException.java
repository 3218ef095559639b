package org.callrec.core.access;

import java.util.Objects;

/**
 * Thrown when an access to a recording is refused. The message names the rule, the clause and
 * the values that broke it, never anything of the recording's content or parties.
 */
public class AccessRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RefusalRule rule;
    private final String clause;

    /**
     * Creates the exception.
     *
     * @param rule the rule that refused; never null
     * @param clause the policy clause the rule applies; never null
     * @param reason why, in words naming the values concerned; never null
     * @param cause what made the access impossible, or null
     */
    public AccessRefusedException(RefusalRule rule, String clause, String reason,
            Throwable cause) {
        super("access refused by rule " + rule.code() + " (clause " + clause + "): " + reason,
                cause);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.clause = Objects.requireNonNull(clause, "clause");
    }

    /** Returns the rule that refused the access. */
    public RefusalRule rule() {
        return rule;
    }

    /** Returns the clause of the policy the rule applies. */
    public String clause() {
        return clause;
    }
}
