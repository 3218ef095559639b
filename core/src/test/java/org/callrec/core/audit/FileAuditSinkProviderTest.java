package org.callrec.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.callrec.core.providers.ProviderRegistry;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditSinkProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditSinkProviderTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void isFoundAsTheFileSinkAndWritesAVerifiableTrail() throws Exception {
        Path trail = folder.resolve("audit.log");
        AuditSinkProvider provider = ProviderRegistry
                .discover(AuditSinkProvider.class, AuditSinkProvider::name).get("file");

        try (AuditSink sink = provider.create(ProviderConfig.of(
                Map.of("file", trail.toString()), CLOCK))) {
            assertInstanceOf(FileAuditSink.class, sink);
            sink.append(new AuditEntry(CLOCK.instant(), AuditEntry.ACTION_POLICY_LOADED,
                    "callrec-replay", null, Map.of("version", "1.0")));
        }

        AuditVerification result = AuditTrailVerifier.verify(trail);
        assertTrue(result.isIntact(), result.describe());
        assertEquals(1, result.entries());
    }

    @Test
    void refusesAnUnknownSettingNamingIt() {
        InvalidConfigurationException refused = assertThrows(
                InvalidConfigurationException.class, () -> new FileAuditSinkProvider().create(
                        ProviderConfig.of(Map.of("file", "a.log", "path", "b.log"), CLOCK)));

        assertTrue(refused.getMessage().contains("[path]"), refused.getMessage());
    }
}
