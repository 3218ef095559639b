package org.callrec.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {
    @Test
    void recordsFromTheNoticeAndStopsAtTheTransferToHr() throws Exception {
        StringWriter printed = new StringWriter();

        List<Decision> decisions = EmbeddingExample.run(
                Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC),
                new PrintWriter(printed));

        assertEquals(List.of(CommandType.PLAY_NOTICE), types(decisions.get(0)));
        assertEquals(List.of(CommandType.START_RECORDING), types(decisions.get(2)));
        assertEquals(List.of(CommandType.STOP_RECORDING), types(decisions.get(3)));
        assertTrue(decisions.get(3).clauses().contains("3.3"));
        assertTrue(printed.toString().contains("(3.3)"), printed.toString());
    }

    private static List<CommandType> types(Decision decision) {
        return decision.commands().stream().map(c -> c.type()).toList();
    }
}
