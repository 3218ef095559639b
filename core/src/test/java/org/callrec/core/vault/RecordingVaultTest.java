package org.callrec.core.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingVaultTest {
    private static final Instant NOW = Instant.parse("2025-02-03T10:15:30Z");
    private static final Instant SPAN_START = Instant.parse("2025-02-03T10:10:00Z");
    private static final Instant SPAN_END = Instant.parse("2025-02-03T10:15:00Z");
    private static final String CALL = "1530608400.42";
    private static final int WAV_HEADER_BYTES = 44;
    private static final int RUN = 32;

    @TempDir
    Path temp;

    private InMemoryStorageBackend backend;
    private InMemoryCatalogue catalogue;
    private LocalKeysetKeyProvider keys;
    private RecordingVault vault;

    @BeforeEach
    void openTheVault() throws IOException {
        backend = new InMemoryStorageBackend();
        catalogue = new InMemoryCatalogue();
        keys = new LocalKeysetKeyProvider(temp.resolve("keys/keyset.bin"));
        vault = new RecordingVault(backend, keys, catalogue,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeTheKeys() {
        keys.close();
    }

    @Nested
    class StoringRealAudio {
        @Test
        void decryptsBackToTheExactSourceAudio() throws IOException {
            byte[] audio = RealAudio.demoCongrats();

            RecordingEntry entry = store(audio);

            assertArrayEquals(audio, readAll(entry.recordingId()));
        }

        @Test
        void cataloguesTheRecordingForALiveCallWithItsSizesChecksumAndWrappedKey()
                throws IOException {
            byte[] audio = RealAudio.demoCongrats();

            RecordingEntry entry = store(audio);

            assertTrue(entry.recordingId().matches("rec-[0-9a-f]{32}"), entry.recordingId());
            assertEquals(ObjectKey.of("recordings/2025/02/03/" + entry.recordingId()),
                    entry.objectKey());
            assertEquals(CALL, entry.callId());
            assertEquals("span-1", entry.spanId());
            assertEquals(SPAN_START, entry.spanStartedAt());
            assertEquals(SPAN_END, entry.spanEndedAt());
            assertEquals(audio.length, entry.plaintextBytes());
            assertEquals(backend.size(entry.objectKey()), entry.ciphertextBytes());
            assertEquals(sha256(backend.bytesOf(entry.objectKey())), entry.ciphertextSha256());
            assertEquals(keys.currentKeyId(), entry.wrappedKey().keyId());
            assertEquals(NOW, entry.storedAt());
            assertNull(entry.retentionDeadline());
            assertEquals(entry, catalogue.findRecording(entry.recordingId()).orElseThrow());
        }

        @Test
        void keepsNoWavHeaderAndNoRunOfTheSourceSamplesInTheCiphertext() throws IOException {
            byte[] audio = RealAudio.demoCongrats();
            Set<ByteBuffer> sourceRuns = new HashSet<>();
            for (int i = WAV_HEADER_BYTES; i + RUN <= audio.length; i++) {
                sourceRuns.add(ByteBuffer.wrap(Arrays.copyOfRange(audio, i, i + RUN)));
            }

            byte[] stored = backend.bytesOf(store(audio).objectKey());

            assertFalse(contains(stored, "RIFF".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(contains(stored, "WAVE".getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i + RUN <= stored.length; i++) {
                ByteBuffer window = ByteBuffer.wrap(Arrays.copyOfRange(stored, i, i + RUN));
                assertFalse(sourceRuns.contains(window), "32 source bytes at offset " + i);
            }
        }

        @Test
        void givesTwoRecordingsOfTheSameAudioDifferentDataKeysAndCiphertext()
                throws Exception {
            byte[] audio = RealAudio.demoCongrats();

            RecordingEntry first = store(audio);
            RecordingEntry second = store(audio);

            assertNotEquals(first.recordingId(), second.recordingId());
            assertFalse(Arrays.equals(dataKeyOf(first), dataKeyOf(second)));
            assertFalse(Arrays.equals(backend.bytesOf(first.objectKey()),
                    backend.bytesOf(second.objectKey())));
            assertNotEquals(first.ciphertextSha256(), second.ciphertextSha256());
        }
    }

    @Nested
    class BindingKeysAndAudioToTheirRecording {
        @Test
        void refusesToUnwrapADataKeyWithAnotherRecordingsId() throws IOException {
            RecordingEntry first = store(RealAudio.demoCongrats());
            RecordingEntry second = store(RealAudio.demoCongrats());

            assertThrows(GeneralSecurityException.class, () -> keys.unwrap(first.wrappedKey(),
                    DataKeys.keyAssociatedData(second.recordingId())));
        }

        @Test
        void refusesToReadARecordingWhoseWrappedKeyWasSwappedForAnothers() throws IOException {
            RecordingEntry first = store(RealAudio.demoCongrats());
            RecordingEntry second = store(RealAudio.demoCongrats());
            catalogue.replace(withWrappedKey(second, first));

            RecordingKeyUnavailableException refused = assertThrows(
                    RecordingKeyUnavailableException.class,
                    () -> vault.open(second.recordingId()));

            assertTrue(refused.getMessage().contains(second.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains("not this recording's"),
                    refused.getMessage());
        }

        @Test
        void refusesToReadAnotherRecordingsCiphertextSwappedIntoItsObject() throws IOException {
            RecordingEntry first = store(RealAudio.demoCongrats());
            RecordingEntry second = store(RealAudio.demoCongrats());
            backend.overwrite(second.objectKey(), backend.bytesOf(first.objectKey()));

            RecordingIntegrityException refused = assertThrows(RecordingIntegrityException.class,
                    () -> readAll(second.recordingId()));

            assertTrue(refused.getMessage().contains(second.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains("failed authentication"),
                    refused.getMessage());
        }
    }

    @Nested
    class DetectingTampering {
        @Test
        void failsOnReadWhenAByteInTheMiddleIsFlipped() throws IOException {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            backend.flipByte(entry.objectKey(), (int) entry.ciphertextBytes() / 2);

            RecordingIntegrityException refused = assertThrows(RecordingIntegrityException.class,
                    () -> readAll(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains("failed authentication"),
                    refused.getMessage());
        }

        @Test
        void failsOnReadWhenAHeaderByteIsFlipped() throws IOException {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            backend.flipByte(entry.objectKey(), 3);

            RecordingIntegrityException refused = assertThrows(RecordingIntegrityException.class,
                    () -> readAll(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
        }

        @Test
        void releasesOnlyAuthenticatedSegmentsBeforeTheTamperedOne() throws IOException {
            byte[] audio = RealAudio.demoCongrats();
            RecordingEntry entry = store(audio);
            backend.flipByte(entry.objectKey(), 3 * DataKeys.SEGMENT_BYTES + 100);
            byte[] released = new byte[audio.length];
            int total = 0;

            try (InputStream in = vault.open(entry.recordingId())) {
                IOException failure = assertThrows(IOException.class, () -> {
                    int offset = 0;
                    for (int n; (n = in.read(released, offset, 4096)) > 0; ) {
                        offset += n;
                    }
                });
                assertInstanceOf(RecordingIntegrityException.class, failure);
            }
            while (total < released.length && released[total] == audio[total]) {
                total++;
            }

            assertTrue(total < 3 * DataKeys.SEGMENT_BYTES, "released " + total + " bytes");
            assertTrue(Arrays.equals(audio, 0, total, released, 0, total));
        }

        @Test
        void failsOnReadWhenTheObjectIsTruncated() throws IOException {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            byte[] stored = backend.bytesOf(entry.objectKey());
            backend.overwrite(entry.objectKey(), Arrays.copyOf(stored, stored.length - 100));

            RecordingIntegrityException refused = assertThrows(RecordingIntegrityException.class,
                    () -> readAll(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
        }

        @Test
        void failsAtTheEndWhenTheChecksumDoesNotMatchTheCatalogue() throws IOException {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            catalogue.replace(withSha256(entry, "0".repeat(64)));

            RecordingIntegrityException refused = assertThrows(RecordingIntegrityException.class,
                    () -> readAll(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains("SHA-256"), refused.getMessage());
        }

        @Test
        void refusesToReadARecordingWhoseObjectIsMissing() throws IOException {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            backend.delete(entry.objectKey());

            RecordingIntegrityException refused = assertThrows(RecordingIntegrityException.class,
                    () -> vault.open(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains("is missing"), refused.getMessage());
        }
    }

    @Nested
    class KeepingNothingOnFailure {
        @Test
        void keepsNoObjectAndNoEntryWhenTheAudioFailsMidway() {
            InputStream failing = new FailingAudio(RealAudio.demoCongrats(), 200_000);

            RecordingNotStoredException refused = assertThrows(RecordingNotStoredException.class,
                    () -> vault.store(CALL, "span-1", SPAN_START, SPAN_END, failing));

            assertTrue(refused.getMessage().contains(refused.recordingId()),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("call " + CALL), refused.getMessage());
            assertTrue(refused.getMessage().contains("reading the audio failed"),
                    refused.getMessage());
            assertTrue(backend.bytesWritten() > 0, "it had started writing");
            assertEquals(List.of(), backend.list(""));
            assertEquals(0, backend.openPendingObjects());
            assertEquals(List.of(), catalogue.recordings());
        }

        @Test
        void removesTheStoredObjectWhenTheCatalogueFails() {
            IllegalStateException down = new IllegalStateException("catalogue unreachable");
            catalogue.failNextAddWith(down);

            RecordingNotStoredException refused = assertThrows(RecordingNotStoredException.class,
                    () -> store(RealAudio.demoCongrats()));

            assertTrue(refused.getMessage().contains("adding it to the catalogue failed"),
                    refused.getMessage());
            assertSame(down, refused.getCause());
            assertEquals(List.of(), backend.list(""));
            assertEquals(0, backend.openPendingObjects());
            assertEquals(List.of(), catalogue.recordings());
        }

        @Test
        void keepsNothingWhenTheKeyProviderCannotWrap() {
            keys.close();

            RecordingNotStoredException refused = assertThrows(RecordingNotStoredException.class,
                    () -> store(RealAudio.demoCongrats()));

            assertTrue(refused.getMessage().contains("wrapping its data key"),
                    refused.getMessage());
            assertEquals(0, backend.bytesWritten());
            assertEquals(List.of(), backend.list(""));
            assertEquals(List.of(), catalogue.recordings());
        }

        @Test
        void refusesAHostileCallIdNamingItAndStoresNothing() {
            byte[] audio = RealAudio.demoCongrats();

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> vault.store("../../etc", "span-1", SPAN_START, SPAN_END,
                            new ByteArrayInputStream(audio)));

            assertTrue(refused.getMessage().contains("'../../etc'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("must be 1 to 96"), refused.getMessage());
            assertEquals(List.of(), backend.list(""));
            assertEquals(List.of(), catalogue.recordings());
        }

        @Test
        void refusesASpanThatEndsBeforeItStarts() {
            byte[] audio = RealAudio.demoCongrats();

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> vault.store(CALL, "span-1", SPAN_END, SPAN_START,
                            new ByteArrayInputStream(audio)));

            assertTrue(refused.getMessage().contains("span-1"), refused.getMessage());
            assertTrue(refused.getMessage().contains("must not end before it starts"),
                    refused.getMessage());
            assertEquals(List.of(), backend.list(""));
        }
    }

    @Nested
    class OpeningRecordings {
        @Test
        void refusesAnUnknownRecordingNamingIt() {
            String unknown = "rec-" + "0".repeat(32);

            UnknownRecordingException refused = assertThrows(UnknownRecordingException.class,
                    () -> vault.open(unknown));

            assertTrue(refused.getMessage().contains(unknown), refused.getMessage());
            assertTrue(refused.getMessage().contains("not in the catalogue"),
                    refused.getMessage());
        }

        @Test
        void refusesAMalformedRecordingIdNamingItAndTheRule() {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> vault.open("../keys/keyset.bin"));

            assertTrue(refused.getMessage().contains("'../keys/keyset.bin'"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("32 lower-case hexadecimal digits"),
                    refused.getMessage());
        }

        @Test
        void refusesARecordingWhoseDataKeyWasDestroyed() throws IOException {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            catalogue.replace(withWrappedKey(entry, null));

            RecordingKeyUnavailableException refused = assertThrows(
                    RecordingKeyUnavailableException.class,
                    () -> vault.open(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains("destroyed"), refused.getMessage());
        }

        @Test
        void refusesARecordingWhoseKeyEncryptionKeyWasDestroyed() throws Exception {
            RecordingEntry entry = store(RealAudio.demoCongrats());
            keys.destroy(entry.wrappedKey().keyId());

            RecordingKeyUnavailableException refused = assertThrows(
                    RecordingKeyUnavailableException.class,
                    () -> vault.open(entry.recordingId()));

            assertTrue(refused.getMessage().contains(entry.recordingId()), refused.getMessage());
            assertTrue(refused.getMessage().contains(entry.wrappedKey().keyId()),
                    refused.getMessage());
        }
    }

    @Nested
    class ReadingRecordingsStoredBeforeRawDataKeys {
        @Test
        void wrapsEachNewDataKeyAsTheVersionedRawForm() throws Exception {
            RecordingEntry entry = store(RealAudio.demoCongrats());

            byte[] unwrapped = dataKeyOf(entry);

            assertEquals(DataKeys.RAW_KEY_FORM.length + DataKeys.KEY_BYTES, unwrapped.length);
            assertArrayEquals(DataKeys.RAW_KEY_FORM,
                    Arrays.copyOf(unwrapped, DataKeys.RAW_KEY_FORM.length));
        }

        @Test
        void opensARecordingWhoseWrappedDataKeyIsATinkKeyset() throws Exception {
            byte[] audio = RealAudio.demoCongrats();
            RecordingEntry stored = storeWithKeysetDataKey(audio);

            byte[] read = readAll(stored.recordingId());

            assertArrayEquals(audio, read);
        }

        /** Stores a recording as the vault did before data keys were raw: a wrapped keyset. */
        private RecordingEntry storeWithKeysetDataKey(byte[] audio) throws Exception {
            String recordingId = "rec-" + "ab".repeat(16);
            KeysetHandle keyset = KeysetHandle.generateNew(DataKeys.PARAMETERS);
            byte[] serialized = TinkProtoKeysetFormat.serializeKeyset(keyset,
                    InsecureSecretKeyAccess.get());
            StreamingAead cipher =
                    keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
            try (OutputStream encrypting = cipher.newEncryptingStream(ciphertext,
                    DataKeys.contentAssociatedData(recordingId, CALL))) {
                encrypting.write(audio);
            }
            ObjectKey objectKey = RecordingVault.objectKeyFor(recordingId, NOW);
            try (PendingObject pending = backend.create(objectKey)) {
                pending.stream().write(ciphertext.toByteArray());
                pending.commit();
            }

            RecordingEntry entry = new RecordingEntry(recordingId, CALL, "span-1", objectKey,
                    SPAN_START, SPAN_END, audio.length, ciphertext.size(),
                    sha256(ciphertext.toByteArray()),
                    keys.wrap(serialized, DataKeys.keyAssociatedData(recordingId)), NOW, null);
            catalogue.addRecording(entry);
            return entry;
        }
    }

    @Nested
    class StreamingLargeRecordings {
        private static final long SIZE = 64L * 1024 * 1024;

        @Test
        void storesAndReadsBackA64MebibyteRecordingWithoutBufferingIt() throws IOException {
            GeneratedAudio audio = new GeneratedAudio(SIZE, 7, SIZE / 2, backend);

            RecordingEntry entry = vault.store(CALL, "span-big", SPAN_START, SPAN_END, audio);

            assertEquals(SIZE, entry.plaintextBytes());
            assertTrue(audio.writtenAtHalfway() > SIZE / 4,
                    "ciphertext written when half the audio was read: "
                            + audio.writtenAtHalfway());

            MessageDigest readBack = sha256Digest();
            try (InputStream in = vault.open(entry.recordingId())) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    readBack.update(buffer, 0, n);
                    total += n;
                    if (total <= 1024 * 1024) {
                        assertTrue(backend.bytesRead() < 4L * 1024 * 1024,
                                "ciphertext read to release the first MiB: " + backend.bytesRead());
                    }
                }
                assertEquals(SIZE, total);
            }
            assertArrayEquals(audio.sha256(), readBack.digest());
        }
    }

    private RecordingEntry store(byte[] audio) throws RecordingNotStoredException {
        return vault.store(CALL, "span-1", SPAN_START, SPAN_END, new ByteArrayInputStream(audio));
    }

    private byte[] readAll(String recordingId) throws IOException {
        try (InputStream in = vault.open(recordingId)) {
            return in.readAllBytes();
        }
    }

    private byte[] dataKeyOf(RecordingEntry entry) throws GeneralSecurityException {
        return keys.unwrap(entry.wrappedKey(), DataKeys.keyAssociatedData(entry.recordingId()));
    }

    private static RecordingEntry withWrappedKey(RecordingEntry entry, RecordingEntry from) {
        return new RecordingEntry(entry.recordingId(), entry.callId(), entry.spanId(),
                entry.objectKey(), entry.spanStartedAt(), entry.spanEndedAt(),
                entry.plaintextBytes(), entry.ciphertextBytes(), entry.ciphertextSha256(),
                from == null ? null : from.wrappedKey(), entry.storedAt(),
                entry.retentionDeadline());
    }

    private static RecordingEntry withSha256(RecordingEntry entry, String sha256) {
        return new RecordingEntry(entry.recordingId(), entry.callId(), entry.spanId(),
                entry.objectKey(), entry.spanStartedAt(), entry.spanEndedAt(),
                entry.plaintextBytes(), entry.ciphertextBytes(), sha256, entry.wrappedKey(),
                entry.storedAt(), entry.retentionDeadline());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        return CiphertextSink.newSha256();
    }

    /** Audio that fails after a number of bytes, as a dropped capture would. */
    private static final class FailingAudio extends InputStream {
        private final byte[] audio;
        private final int failAt;
        private int position;

        FailingAudio(byte[] audio, int failAt) {
            this.audio = audio;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAt) {
                throw new IOException("capture dropped");
            }
            int n = Math.min(length, failAt - position);
            System.arraycopy(audio, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /**
     * Pseudo-random audio generated as it is read, so the test itself never holds it. Notes how
     * much ciphertext the backend had received when half the audio had been read.
     */
    private static final class GeneratedAudio extends InputStream {
        private final long size;
        private final SplittableRandom random;
        private final long halfway;
        private final InMemoryStorageBackend backend;
        private final MessageDigest sha256 = sha256Digest();
        private long position;
        private long writtenAtHalfway = -1;

        GeneratedAudio(long size, long seed, long halfway, InMemoryStorageBackend backend) {
            this.size = size;
            this.random = new SplittableRandom(seed);
            this.halfway = halfway;
            this.backend = backend;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in blocks");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) random.nextInt(256);
            }
            sha256.update(buffer, offset, n);
            if (position < halfway && position + n >= halfway) {
                writtenAtHalfway = backend.bytesWritten();
            }
            position += n;
            return n;
        }

        long writtenAtHalfway() {
            return writtenAtHalfway;
        }

        byte[] sha256() {
            return sha256.digest();
        }
    }
}
