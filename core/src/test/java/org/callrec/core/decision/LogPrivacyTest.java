package org.callrec.core.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.junit.jupiter.api.Test;

/** The engine logs identifiers and decisions at every level, never a phone number. */
class LogPrivacyTest {
    @Test
    void logsNoPhoneNumberWhileDecidingAnExternalCallAtTrace() {
        String log = captureStandardError(() -> {
            DecisionEngine engine = EngineFixtures.engine();
            CallScript call = new CallScript(engine, "privacy-1");
            call.start("07700 900101", "202", Direction.INBOUND);
            call.answer("202");
            call.noticePlayed();
            call.signal(CallEventType.SENSITIVE_FLAGGED);
            call.end();
            engine.decide(CallEvent.answered("nobody", null, Party.of("+447700900101")));
        });

        assertTrue(log.contains("privacy-1"), "the engine did log: " + log);
        assertTrue(log.contains("TRACE") || log.contains("event CallEvent"), log);
        assertFalse(log.contains("7700"), log);
        assertFalse(log.contains("900101"), log);
    }

    private static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
