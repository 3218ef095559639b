package org.callrec.spi.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallEventTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void refusesACallIdThatCouldEscapeAPathNamingTheValueAndTheRule() {
        for (String hostile : List.of("../x", "/etc/passwd", "a b", "", "x".repeat(97),
                "call\nid")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CallEvent.requireCallId(hostile));

            assertTrue(error.getMessage().contains("must be 1 to 96"), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), "control characters are masked");
        }
    }

    @Test
    void acceptsAsteriskLinkedIds() {
        assertEquals("195176c06ab8-1529936170.42",
                CallEvent.requireCallId("195176c06ab8-1529936170.42"));
    }

    @Test
    void stampsOnlyAnEventWithoutATime() {
        CallEvent untimed = CallEvent.answered("c", null, Party.of("202"));
        CallEvent timed = CallEvent.answered("c", T0, Party.of("202"));

        assertEquals(T0, untimed.stampedAt(T0).at());
        assertSame(timed, timed.stampedAt(T0.plusSeconds(9)));
    }

    @Test
    void describesItselfWithoutAnyAddress() {
        CallEvent event = CallEvent.started("c", T0, Party.of("+447700900101"), Party.of("202"),
                Direction.INBOUND).from("capture.ami:12");

        assertFalse(event.toString().contains("7700900101"), event.toString());
        assertTrue(event.toString().contains("capture.ami:12"));
    }

    @Test
    void refusesAnOverlongDetail() {
        assertThrows(IllegalArgumentException.class, () -> CallEvent.withDetail(
                CallEventType.CALL_ENDED, "c", T0, "x".repeat(1025)));
    }
}
