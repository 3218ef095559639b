package org.callrec.spi.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Random;
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
    void acceptsExactlyTheCallIdsThePublishedPatternAccepts() {
        String alphabet = "aZ09._:-/ \u00e9\u0660\n";
        Random random = new Random(20261204L);
        int accepted = 0;

        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(100);
            for (int c = 0; c < length; c++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String callId = id.toString();
            boolean byPattern = CallEvent.CALL_ID_PATTERN.matcher(callId).matches();
            boolean byCheck = isAccepted(callId);
            assertEquals(byPattern, byCheck, callId);
            accepted += byCheck ? 1 : 0;
        }

        assertTrue(accepted > 100, "the sample holds well-formed ids too, " + accepted);
    }

    private static boolean isAccepted(String callId) {
        try {
            CallEvent.requireCallId(callId);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
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
