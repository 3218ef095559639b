package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Set;

/**
 * Who may retrieve recordings (clauses 4.2 and 5.3): a holder of an authorised role and, unless
 * the policy says the role alone suffices, a grant for that access.
 *
 * @param clause the clause this rule comes from
 * @param roles roles authorised to retrieve, such as {@code manager}
 * @param grantRequired whether a grant is needed as well as the role
 * @param childRoles roles required for calls flagged as involving a child; empty for no
 *     stricter rule
 */
public record AccessRule(
        @NotBlank String clause,
        @NotEmpty Set<@NotBlank String> roles,
        boolean grantRequired,
        Set<@NotBlank String> childRoles) {

    /** Creates the rule, copying the sets. */
    public AccessRule {
        roles = roles == null ? null : Set.copyOf(roles);
        childRoles = childRoles == null ? Set.of() : Set.copyOf(childRoles);
    }
}
