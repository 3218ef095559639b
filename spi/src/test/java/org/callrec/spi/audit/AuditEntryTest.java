package org.callrec.spi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 3, item 2: no phone numbers or names in the trail, identifiers only. */
class AuditEntryTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"CMP-2026-0042", "rec-0123456789abcdef0123456789abcdef",
        "2026-03-02T09:00:00Z", "2026-03-02", "1530608400.42", "447362",
        "c2b77652db0df7bc513afbb8f0c848184a216d0e985e3f96d9bad9628db66781", "HR/2026/7"})
    void keepsIdentifiers(String value) {
        AuditEntry entry = new AuditEntry(AT, AuditEntry.ACTION_EXPORT, "manager-210", null,
                Map.of("case", value));

        assertEquals(value, entry.details().get("case"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+447700900101", "07700 900101", "(020) 7946 0018", "020-7946-0018",
        "07700900101", "Jane Smith", "jane@example.org", "", "../etc/passwd"})
    void refusesNumbersNamesAndPathsWithoutQuotingThem(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AuditEntry(AT, AuditEntry.ACTION_EXPORT, "manager-210", null,
                        Map.of("case", value)));

        assertTrue(refused.getMessage().contains("audit detail 'case'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("never a"), refused.getMessage());
        assertFalse(!value.isEmpty() && refused.getMessage().contains(value),
                refused.getMessage());
    }

    @Test
    void refusesAPhoneNumberAsTheActor() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AuditEntry(AT, AuditEntry.ACTION_ACCESS_REFUSED, "+447700900101",
                        null, Map.of()));

        assertTrue(refused.getMessage().startsWith("actor"), refused.getMessage());
        assertFalse(refused.getMessage().contains("7700900101"), refused.getMessage());
    }

    @Test
    void refusesADetailKeyThatIsNotAWord() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AuditEntry(AT, AuditEntry.ACTION_EXPORT, "manager-210", null,
                        Map.of("Caller Name", "x")));

        assertTrue(refused.getMessage().contains("detail key"), refused.getMessage());
    }

    @Test
    void sortsItsDetailsByKey() {
        AuditEntry entry = new AuditEntry(AT, AuditEntry.ACTION_EXPORT, "manager-210",
                null, Map.of("purpose", "complaint", "case", "C-1"));

        assertEquals(java.util.List.of("case", "purpose"),
                java.util.List.copyOf(entry.details().keySet()));
    }
}
