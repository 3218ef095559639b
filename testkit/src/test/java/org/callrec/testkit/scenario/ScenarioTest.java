package org.callrec.testkit.scenario;

import static org.callrec.spi.call.TransferKind.BLIND;
import static org.callrec.testkit.scenario.Scenario.number;
import static org.callrec.testkit.scenario.Scenario.role;
import static org.callrec.testkit.scenario.Scenario.team;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.scenario.ScenarioDirectory;
import org.callrec.core.scenario.ScenarioResult;
import org.callrec.spi.directory.StaffMember;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fluent scenario builder, against a copy of the shipped policy. */
class ScenarioTest {
    private static Policy policy;
    private static final ScenarioDirectory STAFF = Scenario.staffDirectory(
            new StaffMember("agent-202", Set.of("responsive-repairs"), Set.of()),
            new StaffMember("agent-203", Set.of("hr"), Set.of()),
            new StaffMember("senior-211", Set.of(), Set.of("senior")));

    @BeforeAll
    static void loadPolicy() throws Exception {
        try (InputStream in = ScenarioTest.class.getResourceAsStream("/policy.yaml")) {
            policy = new PolicyLoader(Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"),
                    ZoneOffset.UTC)).load(in, "policy.yaml");
        }
    }

    @Test
    void aCallToResponsiveRepairsTransferredBlindToHrStopsRecordingCiting33() {
        CallBuilder call = Scenario.call("blind transfer to HR")
                .from(number("07700900101")).to(team("responsive-repairs"))
                .expect().noticePrompted().citing("4.3")
                .noticePlayed()
                .answeredBy(team("responsive-repairs")).expect().recordingStarted().citing("3.2")
                .at("+30s").transferred(BLIND).to(team("hr"))
                .expect().recordingStopped().citing("3.3")
                .ended().expect().noCommand().citing("4.2")
                .expectDeadlineAfterEnd(Duration.ofDays(90));

        ScenarioResult result = call.verify(policy, STAFF);

        assertTrue(result.passed());
        assertEquals(5, result.steps().size());
    }

    @Test
    void failsWithTheStepTheExpectedAndActualDecisionAndTheClause() {
        CallBuilder call = Scenario.call("senior joins, expected wrongly to keep recording")
                .from(number("07700900101")).to(team("responsive-repairs"))
                .noticePlayed()
                .answeredBy(team("responsive-repairs")).expect().recordingStarted().then()
                .joined(role("senior")).expect().noCommand().citing("3.2")
                .ended();

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> call.verify(policy, STAFF));

        String message = failure.getMessage();
        assertTrue(message.startsWith("FAIL  senior joins, expected wrongly to keep recording"),
                message);
        assertTrue(message.contains("step 4: +3s joined role senior"), message);
        assertTrue(message.contains("expected: no command citing 3.2"), message);
        assertTrue(message.contains("actual:   stop-recording citing 3.3"), message);
        assertTrue(message.contains("because stopped: a party joined in conference; a holder of"
                + " role senior joined by conference"), message);
    }

    @Test
    void aChildFlagMarksTheCallForTheBalancingTest() {
        CallBuilder call = Scenario.call()
                .from(number("07700900101")).to(team("responsive-repairs"))
                .noticePlayed()
                .answeredBy(team("responsive-repairs"))
                .child().expect().noCommand().citing("5.1")
                .ended()
                .expectFlags("child", "child-balancing-test");

        ScenarioResult result = call.verify(policy, STAFF);

        assertTrue(result.passed());
    }

    @Test
    void aWrongFlagExpectationFailsNamingTheFlags() {
        CallBuilder call = Scenario.call("no child flag expected")
                .from(number("07700900101")).to(team("responsive-repairs"))
                .noticePlayed()
                .answeredBy(team("responsive-repairs"))
                .child()
                .ended()
                .expectFlags();

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> call.verify(policy, STAFF));

        assertTrue(failure.getMessage().contains("flags: expected [], actual [child,"
                + " child-balancing-test]"), failure.getMessage());
    }

    @Test
    void aTeamTheDirectoryDoesNotKnowIsRefusedNamingTheTeamsItKnows() {
        CallBuilder call = Scenario.call().from(number("07700900101")).to(team("finance"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> call.verify(policy, STAFF));

        assertTrue(refused.getMessage().contains("no team 'finance'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("hr, responsive-repairs"), refused.getMessage());
    }
}
