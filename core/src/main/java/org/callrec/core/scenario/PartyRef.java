package org.callrec.core.scenario;

import java.util.Locale;
import java.util.Objects;

/**
 * A party of a scenario step as the policy speaks of it: a staff member by id, the first member
 * of a team or holder of a role in the scenario's staff directory, or an outside number.
 *
 * @param kind how the party is named; never null
 * @param name the staff id, team, role or number; never null or blank
 */
public record PartyRef(Kind kind, String name) {

    /** How a scenario names a party. */
    public enum Kind {
        /** A staff member by staff id. */
        STAFF,
        /** The first member of a team, in the order the directory lists them. */
        TEAM,
        /** The first holder of a role, in the order the directory lists them. */
        ROLE,
        /** A number outside the organisation (or any address the directory does not know). */
        NUMBER;

        /** Returns the word a scenario file writes for this kind, such as {@code team}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Creates a party reference. */
    public PartyRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a " + kind.word() + " must be named");
        }
    }

    /** Returns the party as a scenario file writes it; a number is shown as {@code number}. */
    @Override
    public String toString() {
        return kind == Kind.NUMBER ? "an outside number" : kind.word() + " " + name;
    }
}
