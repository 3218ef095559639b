package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/**
 * Who stops recording by being a party to a call, however they joined (clause 3.3).
 *
 * @param clause the clause this rule comes from
 * @param roles roles that stop recording, such as {@code senior}
 * @param teams teams that stop recording, such as {@code hr}
 * @param restartWhenTheyLeave whether recording may start again when they leave the call
 */
public record StopRecordingRule(
        @NotBlank String clause,
        @NotNull Set<@NotBlank String> roles,
        @NotNull Set<@NotBlank String> teams,
        boolean restartWhenTheyLeave) {

    /** Creates the rule, copying the sets. */
    public StopRecordingRule {
        roles = roles == null ? null : Set.copyOf(roles);
        teams = teams == null ? null : Set.copyOf(teams);
    }
}
