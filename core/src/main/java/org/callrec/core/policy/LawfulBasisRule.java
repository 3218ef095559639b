package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;

/**
 * The lawful basis every recording carries (clause 5.1).
 *
 * @param clause the clause this rule comes from
 * @param basis the basis, such as {@code legitimate-interests}
 * @param childBalancingTest whether calls flagged as involving a child are marked for the
 *     balancing test that clause 5.1 calls for
 */
public record LawfulBasisRule(
        @NotBlank String clause,
        @NotBlank String basis,
        boolean childBalancingTest) {
}
