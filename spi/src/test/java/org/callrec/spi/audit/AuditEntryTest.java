package org.callrec.spi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    @Test
    void refusesAnActionThatIsNotALowerCaseWord() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new AuditEntry(Instant.EPOCH, "Access Granted", "m", null, Map.of()));

        assertTrue(error.getMessage().contains("'Access Granted'"), error.getMessage());
    }

    @Test
    void sortsItsDetailsByKey() {
        AuditEntry entry = new AuditEntry(Instant.EPOCH, AuditEntry.ACTION_EXPORT, "m", "rec-1",
                Map.of("purpose", "complaint", "case", "C-1"));

        assertEquals(List.of("case", "purpose"), List.copyOf(entry.details().keySet()));
    }
}
