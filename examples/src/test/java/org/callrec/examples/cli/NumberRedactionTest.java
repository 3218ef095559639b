package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.callrec.examples.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found by a newcomer: a number typed into the wrong option was printed back in the refusal. */
class NumberRedactionTest {
    @TempDir
    Path folder;

    @Test
    void aNumberInARefusalIsMaskedButForItsLastTwoDigits() {
        String masked = NumberRedaction.of("staff '020 7946 0123' may not answer a request");

        assertEquals("staff '*** **** **23' may not answer a request", masked);
    }

    @Test
    void numbersInEveryFormAreMasked() {
        for (String number : new String[] {"+44 20 7946 0123", "0044 20 7946 0123",
                "020-7946-0123", "(020) 7946 0123", "+442079460123", "07911 123456"}) {
            String masked = NumberRedaction.of("value '" + number + "' refused");

            assertFalse(masked.contains("7946") || masked.contains("123456"), masked);
        }
    }

    @Test
    void idsTimesDatesAndClausesAreLeftAsTheyAre() {
        String line = "recording rec-0123456789abcdef0123456789abcdef of call call-20260302"
                + " due 2026-05-01, deadline 2027-03-04T09:00:00Z, kept PT2115H (clause 4.4)";

        assertEquals(line, NumberRedaction.of(line));
    }

    @Test
    void explainingANumberTypedAsACallIdNeverPrintsTheNumber() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
        Path data = folder.resolve("data");
        Workspace.open(data, clock).close();
        StringWriter err = new StringWriter();

        int code = Main.run(clock, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), "explain", "020 7946 0123", "--data",
                data.toString());

        assertTrue(code != 0, err.toString());
        assertTrue(err.toString().contains("**23"), err.toString());
        assertFalse(err.toString().contains("7946"), err.toString());
    }
}
