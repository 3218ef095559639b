package org.callrec.catalogue.jdbc;

import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;
import static org.callrec.testkit.catalogue.CatalogueSamples.richCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.PersonalDataSeal;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.keys.WrappedKey;
import org.callrec.testkit.catalogue.CatalogueSamples;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction of the embedded catalogue on the URL exactly as {@link CatalogueSettings} builds it
 * for a {@code directory}: what a disposal destroyed must leave the database file.
 */
@DisplayName("Clause 4.4: a disposed recording's key and its caller's number leave the file")
class JdbcCatalogueCompactionTest {
    private static final Instant DEADLINE = Instant.parse("2025-06-02T10:22:30Z");

    /** Enough other calls that old pages sit in the middle of the file, not only at its end. */
    private static final int OTHER_CALLS = 100;

    @TempDir
    Path folder;

    @Test
    void compactsTheEmbeddedDatabaseFileSoADisposedKeyAndSealedNumberAreGone()
            throws IOException {
        CatalogueSettings settings = CatalogueSettings.from(ProviderConfig.of(
                Map.of(CatalogueSettings.DIRECTORY, folder.toString()), Clock.systemUTC()));
        RememberingSeal seal = new RememberingSeal(CatalogueSamples.CALLER_NUMBER);
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        RecordingEntry entry;
        try (JdbcCatalogue catalogue = JdbcCatalogue.open(settings, seal)) {
            for (int i = 0; i < OTHER_CALLS; i++) {
                catalogue.saveCall(richCall("call-kept-" + i));
                catalogue.addRecording(recording("rec-kept-" + i, "call-kept-" + i, at(12)));
            }
            entry = withKey(recording("rec-gone", "call-gone", at(12)), key);
            catalogue.saveCall(richCall("call-gone"));
            catalogue.addRecording(entry);
        }
        String sealedNumber = seal.lastSealed();
        assertNotNull(sealedNumber, "the caller's number was sealed when the call was saved");
        assertTrue(fileHolds(key), "the key is in the file before disposal, so the scan sees it");
        assertTrue(fileHolds(sealedNumber.getBytes(StandardCharsets.US_ASCII)),
                "the sealed number is in the file before disposal, so the scan sees it");

        JdbcCatalogue catalogue = JdbcCatalogue.open(settings, seal);
        catalogue.destroyWrappedKey("rec-gone");
        catalogue.recordDisposal(new DisposalReceipt("rec-gone", "call-gone", DEADLINE,
                DEADLINE.plusSeconds(60), entry.ciphertextSha256(), true));
        catalogue.compact();

        assertFalse(fileHolds(key), "the destroyed wrapped key is still in " + databaseFile());
        assertFalse(fileHolds(sealedNumber.getBytes(StandardCharsets.US_ASCII)),
                "the erased caller's sealed number is still in " + databaseFile());
        try (JdbcCatalogue reopened = JdbcCatalogue.open(settings, seal)) {
            assertEquals(OTHER_CALLS, reopened.recordings().size());
            assertTrue(reopened.disposalOf("rec-gone").isPresent());
        }
    }

    @Test
    void findsTheFileToCompactFromTheUrlPathUpToItsSettings() {
        String file = JdbcCatalogue.embeddedDatabaseFile(
                "jdbc:h2:file:/srv/callrec/catalogue/catalogue;WRITE_DELAY=0;LOCK_TIMEOUT=5000");

        assertEquals("/srv/callrec/catalogue/catalogue.mv.db", file);
    }

    @Test
    void leavesAReadOnlyOrEncryptedOrServerCatalogueUncompacted() {
        String readOnly = "jdbc:h2:file:/srv/callrec/catalogue/catalogue;ACCESS_MODE_DATA=r";
        String encrypted = "jdbc:h2:file:/srv/callrec/catalogue/catalogue;CIPHER=AES";
        String server = "jdbc:postgresql://127.0.0.1:5432/callrec";

        assertEquals(null, JdbcCatalogue.embeddedDatabaseFile(readOnly));
        assertEquals(null, JdbcCatalogue.embeddedDatabaseFile(encrypted));
        assertEquals(null, JdbcCatalogue.embeddedDatabaseFile(server));
    }

    private static RecordingEntry withKey(RecordingEntry sample, byte[] key) {
        return new RecordingEntry(sample.recordingId(), sample.callId(), sample.spanId(),
                sample.objectKey(), sample.spanStartedAt(), sample.spanEndedAt(),
                sample.plaintextBytes(), sample.ciphertextBytes(), sample.ciphertextSha256(),
                new WrappedKey("kek-1", key), sample.storedAt(), DEADLINE);
    }

    private Path databaseFile() {
        return folder.resolve(CatalogueSettings.EMBEDDED_DATABASE_NAME + ".mv.db");
    }

    private boolean fileHolds(byte[] wanted) throws IOException {
        byte[] file = Files.readAllBytes(databaseFile());
        for (int i = 0; i + wanted.length <= file.length; i++) {
            if (java.util.Arrays.equals(file, i, i + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }

    /** The module's test seal, remembering the last sealed form of one clear value. */
    private static final class RememberingSeal implements PersonalDataSeal {
        private final TestSeal seal = JdbcCatalogueTest.SEAL;
        private final String watched;
        private volatile String lastSealed;

        RememberingSeal(String watched) {
            this.watched = watched;
        }

        String lastSealed() {
            return lastSealed;
        }

        @Override
        public String seal(String clear, String context) {
            String sealed = seal.seal(clear, context);
            if (watched.equals(clear)) {
                lastSealed = sealed;
            }
            return sealed;
        }

        @Override
        public String open(String sealed, String context) {
            return seal.open(sealed, context);
        }

        @Override
        public String blindIndex(String normalised) {
            return seal.blindIndex(normalised);
        }
    }
}
