package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/**
 * A dated statement of the policy that the library records but does not execute: a general
 * notice of clause 4.3 (website, newsletter, staff email, staff meetings) or the legislation of
 * clause 5.2.
 *
 * @param id the statement's id, such as {@code website-notice}
 * @param clause the clause it comes from
 * @param text what the statement says
 * @param dated when it was last made or checked
 * @param renewBy when it is out of date, or null if it does not go out of date
 */
public record Statement(
        @NotBlank String id,
        @NotBlank String clause,
        @NotBlank String text,
        @NotNull LocalDate dated,
        LocalDate renewBy) {

    /** Returns whether the statement is out of date on the given date. */
    public boolean isOutOfDate(LocalDate today) {
        return renewBy != null && today.isAfter(renewBy);
    }
}
