package org.callrec.asterisk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Everything the adapter logs at every level, while it maps every real capture, holds no
 * phone number, no name and no caller id. The test logger writes to a file (see
 * {@code simplelogger.properties}) that this test reads back.
 */
class LogPrivacyTest {
    private static final Path LOG = Path.of("target/telephony-asterisk-test.log");

    @Test
    void mappingEveryCaptureLogsNoNumberNameOrAccount() throws IOException {
        for (String name : List.of("ab_success_a_hangup", "ab_success_b_hangup", "ab_a_cancel",
                "ab_reject", "xfer_blind_abbcac", "xfer_blind_abacbc", "xfer_attended_abbcac",
                "xfer_attended_abacbc", "queue_simple", "queue_blind_xfer", "sip_pickup",
                "star_pickup", "user_events")) {
            Replays.capture(name);
        }

        String log = Files.readString(LOG, StandardCharsets.UTF_8);

        assertTrue(log.contains("xfer_attended_abbcac.ami"), "the test logger wrote nothing");
        for (String secret : List.of("+447700", "07700900", "Test Caller", "Test Agent",
                "150010001", "150010002", "150010003", "260010001")) {
            assertFalse(log.contains(secret), "the log shows " + secret);
        }
    }
}
