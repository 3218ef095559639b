package org.callrec.spi.directory;

import java.util.Objects;
import java.util.Set;

/**
 * A member of staff as the directory knows them. Teams and roles are the names the policy file
 * uses (for example team {@code responsive-repairs}, role {@code senior}).
 *
 * @param staffId the stable staff id; never null or blank
 * @param teams the teams the person belongs to; never null
 * @param roles the roles the person holds; never null
 */
public record StaffMember(String staffId, Set<String> teams, Set<String> roles) {
    /** Creates a staff member, copying the sets. */
    public StaffMember {
        Objects.requireNonNull(staffId, "staffId");
        if (staffId.isBlank()) {
            throw new IllegalArgumentException("a staff id must not be blank");
        }
        teams = Set.copyOf(teams);
        roles = Set.copyOf(roles);
    }

    /** Returns whether the person belongs to the named team. */
    public boolean isInTeam(String team) {
        return teams.contains(team);
    }

    /** Returns whether the person holds the named role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
