package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.callrec.spi.call.Direction;

/**
 * Which calls may be recorded (clauses 3.2 and 4.1): calls in one of the listed directions that a
 * member of a listed team makes, receives or is transferred. A call none of them touches is never
 * recorded.
 *
 * @param clause the clause this rule comes from (3.2)
 * @param partiesClause the clause that lets calls from inside and outside be recorded, under
 *     which each party is classified as internal or external (4.1)
 * @param teams the teams whose calls may be recorded
 * @param directions the directions that may be recorded
 */
public record RecordableCallsRule(
        @NotBlank String clause,
        @NotBlank String partiesClause,
        @NotEmpty Set<@NotBlank String> teams,
        @NotEmpty Set<@NotNull Direction> directions) {

    /** Creates the rule, copying the sets. */
    public RecordableCallsRule {
        teams = teams == null ? null : Set.copyOf(teams);
        directions = directions == null ? null : Set.copyOf(directions);
    }
}
