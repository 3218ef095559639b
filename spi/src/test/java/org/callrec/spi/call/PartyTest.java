package org.callrec.spi.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartyTest {
    @Test
    void redactsItsAddressWhenPrinted() {
        assertEquals("Party[address=<redacted>]", Party.of("+447700900101").toString());
    }

    @Test
    void refusesControlCharactersBlankAndOverlongAddresses() {
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> Party.of("20\u00001"));

        assertTrue(control.getMessage().contains("control characters (at index 2)"));
        assertThrows(IllegalArgumentException.class, () -> Party.of(" "));
        assertThrows(IllegalArgumentException.class, () -> Party.of("9".repeat(129)));
    }
}
