package org.callrec.spi.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final CallEvent event = CallEvent.answered("c", T0, Party.of("203"));

    @Test
    void citesItsClausesAfterTheReason() {
        Decision decision = new Decision("c", T0, event,
                List.of(new RecordingCommand(CommandType.STOP_RECORDING, "c", "c-s1")), "1.0",
                List.of("3.3"), "stopped: transferred to a member of hr");

        assertEquals("stopped: transferred to a member of hr (3.3)", decision.citation());
    }

    @Test
    void keepsItsOwnCopiesOfTheLists() {
        List<String> clauses = new ArrayList<>(List.of("3.2"));
        Decision decision = new Decision("c", T0, event, List.of(), "1.0", clauses, "started");

        clauses.add("9.9");

        assertEquals(List.of("3.2"), decision.clauses());
        assertThrows(UnsupportedOperationException.class, () -> decision.clauses().add("x"));
    }
}
