package org.callrec.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.TransferKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading scenario files: steps in the policy's words, and every problem named with its line. */
class ScenarioLoaderTest {
    private static final String STAFF = "staff:\n"
            + "  - id: agent-202\n    teams: [responsive-repairs]\n    addresses: [\"202\"]\n"
            + "  - id: agent-203\n    teams: [hr]\n";

    @TempDir
    Path folder;

    @Test
    void readsAStepWithItsTimePartiesTransferAndExpectedDecision() throws Exception {
        Path file = write(STAFF + "scenarios:\n  - name: blind to HR\n    steps:\n"
                + "      - +0s call from number 07700900101 to team responsive-repairs\n"
                + "      - +1m30s transferred blind to team hr => stop-recording citing 3.3\n"
                + "    expect:\n      clauses: [3.3]\n      deadline: P90D after end\n");

        ScenarioFile loaded = new ScenarioLoader().load(file);

        ScenarioStep step = loaded.scenarios().get(0).steps().get(1);
        assertEquals(Duration.ofSeconds(90), step.offset());
        assertEquals(CallEventType.TRANSFERRED, step.type());
        assertEquals(TransferKind.BLIND, step.transferKind());
        assertEquals(new PartyRef(PartyRef.Kind.TEAM, "hr"), step.target());
        assertEquals(List.of(CommandType.STOP_RECORDING), step.expected().commands());
        assertEquals(List.of("3.3"), step.expected().clauses());
        assertEquals(11, step.line());
        assertEquals(Duration.ofDays(90),
                loaded.scenarios().get(0).expectation().deadlineAfterEnd());
        assertEquals("202", loaded.directory().addressOf(new PartyRef(PartyRef.Kind.TEAM,
                "responsive-repairs")));
    }

    @Test
    void refusesAnUnknownStepWordNamingTheLineAndTheWordsUnderstood() throws Exception {
        Path file = write(STAFF + "scenarios:\n  - name: typo\n    steps:\n"
                + "      - +0s call from number 07700900101 to team responsive-repairs\n"
                + "      - +5s transfered blind to team hr\n"
                + "    expect:\n      clauses: []\n");

        ScenarioFileException refused = assertThrows(ScenarioFileException.class,
                () -> new ScenarioLoader().load(file));

        ScenarioProblem problem = refused.problems().get(0);
        assertEquals(11, problem.line());
        assertEquals("+5s transfered blind to team hr", problem.value());
        assertTrue(problem.rule().startsWith("'transfered' is not understood as a step word;"
                + " understood: call, notice, answered, transferred"), problem.rule());
    }

    @Test
    void refusesAnUnknownTransferKindListingTheKinds() throws Exception {
        Path file = write(STAFF + "scenarios:\n  - name: kind\n    steps:\n"
                + "      - +0s call from number 07700900101 to team responsive-repairs\n"
                + "      - +5s transferred sideways to team hr\n"
                + "    expect:\n      clauses: []\n");

        ScenarioFileException refused = assertThrows(ScenarioFileException.class,
                () -> new ScenarioLoader().load(file));

        assertTrue(refused.getMessage().contains(":11: scenarios[0].steps[1] = '+5s transferred"
                + " sideways to team hr': 'sideways' is not understood as a kind of transfer;"
                + " understood: blind, attended, pickup, forward"), refused.getMessage());
    }

    @Test
    void refusesATeamTheDirectoryDoesNotKnowAndAStepBeforeTheOneAbove() throws Exception {
        Path file = write(STAFF + "scenarios:\n  - name: two problems\n    steps:\n"
                + "      - +0s call from number 07700900101 to team finance\n"
                + "      - +30s answered by team hr\n"
                + "      - +10s ended\n"
                + "    expect:\n      clauses: []\n");

        ScenarioFileException refused = assertThrows(ScenarioFileException.class,
                () -> new ScenarioLoader().load(file));

        String message = refused.getMessage();
        assertTrue(message.contains(":10: scenarios[0].steps[0]"), message);
        assertTrue(message.contains("no team 'finance' in the scenario's staff directory; it"
                + " knows teams: hr, responsive-repairs"), message);
        assertTrue(message.contains(":12: scenarios[0].steps[2] = '+10s ended': happens at +10s,"
                + " before the step above it at +30s"), message);
    }

    @Test
    void refusesAnUnknownKeyInTheExpectationListingTheKnownKeys() throws Exception {
        Path file = write(STAFF + "scenarios:\n  - name: key\n    steps:\n"
                + "      - +0s call from number 07700900101 to team responsive-repairs\n"
                + "    expect:\n      clauses: []\n      flagz: [child]\n");

        ScenarioFileException refused = assertThrows(ScenarioFileException.class,
                () -> new ScenarioLoader().load(file));

        assertTrue(refused.getMessage().contains(":13: scenarios[0].expect.flagz = 'flagz': is"
                + " not a known key here; known keys: clauses, deadline, discarded, flags,"
                + " lawful-basis, spans"), refused.getMessage());
    }

    private Path write(String yaml) throws Exception {
        Path file = folder.resolve("scenarios.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
