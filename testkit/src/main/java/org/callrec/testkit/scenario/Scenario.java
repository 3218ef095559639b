package org.callrec.testkit.scenario;

import java.util.List;
import org.callrec.core.scenario.PartyRef;
import org.callrec.core.scenario.ScenarioDirectory;
import org.callrec.spi.directory.StaffMember;

/**
 * Where a scenario starts: {@code Scenario.call()}, and the parties it names, in the policy's
 * words ({@code team("hr")}, {@code role("senior")}, {@code staff("agent-202")},
 * {@code number("07700900101")}).
 */
public final class Scenario {
    private Scenario() {
    }

    /** Starts describing a call; {@code from} names the caller and {@code to} the called. */
    public static CallBuilder call() {
        return new CallBuilder("a call");
    }

    /** Starts describing a call with a name that says what the scenario shows. */
    public static CallBuilder call(String name) {
        return new CallBuilder(name);
    }

    /** The first member of a team in the staff directory. */
    public static PartyRef team(String team) {
        return new PartyRef(PartyRef.Kind.TEAM, team);
    }

    /** The first holder of a role in the staff directory. */
    public static PartyRef role(String role) {
        return new PartyRef(PartyRef.Kind.ROLE, role);
    }

    /** A staff member by staff id. */
    public static PartyRef staff(String staffId) {
        return new PartyRef(PartyRef.Kind.STAFF, staffId);
    }

    /** A number outside the organisation. */
    public static PartyRef number(String number) {
        return new PartyRef(PartyRef.Kind.NUMBER, number);
    }

    /** A staff directory of the given members, who take part by their staff ids. */
    public static ScenarioDirectory staffDirectory(StaffMember... members) {
        return ScenarioDirectory.ofMembers(List.of(members));
    }
}
