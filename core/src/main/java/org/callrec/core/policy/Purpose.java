package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A purpose recordings may be used for (clauses 1, 3.1 and 5.3).
 *
 * @param id the purpose's id, such as {@code complaint}
 * @param clause the clause this purpose comes from
 * @param use which use of clause 5.3 the purpose falls under
 * @param caseReferenceRequired whether an access for this purpose must name a case
 */
public record Purpose(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,63}") String id,
        @NotBlank String clause,
        @NotNull PurposeUse use,
        boolean caseReferenceRequired) {
}
