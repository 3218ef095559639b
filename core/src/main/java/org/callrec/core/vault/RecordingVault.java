package org.callrec.core.vault;

import com.google.crypto.tink.StreamingAead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.keys.KeyProvider;
import org.callrec.spi.keys.WrappedKey;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps recorded spans encrypted at rest, each under its own data key, and reads them back.
 *
 * <p>{@link #store} generates a fresh data key for the recording (Tink's AES-256-GCM-HKDF
 * streaming, 64 KiB segments), wraps it with the {@link KeyProvider} bound to the recording id,
 * encrypts the audio as it streams into a pending object of the {@link StorageBackend}, commits
 * the object, and only then adds the {@link RecordingEntry} to the {@link Catalogue}. Until that
 * entry exists the caller must keep its own copy of the audio; once {@code store} returns, the
 * copy may go. The audio is never held whole in memory and never reaches the backend or the disk
 * in plaintext. The ciphertext is hashed and written on a writing thread of the vault's own
 * while the caller's thread encrypts the next segment; {@code store} returns only after that
 * thread has finished with the recording.
 *
 * <p>{@link #open} looks the recording up, unwraps its data key and returns a stream that
 * decrypts as it is read, releasing each segment only after it has been authenticated.
 *
 * <p>This class decides nothing about whether a span may be recorded or read; the decision
 * engine and the access rules do that before calling it. Safe for use from many threads if the
 * backend, key provider and catalogue are.
 */
public final class RecordingVault {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingVault.class);

    private static final String ID_PREFIX = "rec-";
    private static final Pattern RECORDING_ID = Pattern.compile("rec-[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /**
     * The threads that hash and write ciphertext while the caller's thread encrypts, one per
     * store in progress; daemons, so they never keep a process alive, and gone after a minute
     * unused.
     */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(
            new WriterThreads());

    private final StorageBackend backend;
    private final KeyProvider keyProvider;
    private final Catalogue catalogue;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates a vault over its collaborators; it opens or closes none of them.
     *
     * @param backend where ciphertext is stored; never null
     * @param keyProvider wraps and unwraps data keys; never null
     * @param catalogue where each recording's entry and wrapped key are kept; never null
     * @param clock the source of every instant the vault records; never null
     */
    public RecordingVault(StorageBackend backend, KeyProvider keyProvider, Catalogue catalogue,
            Clock clock) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.keyProvider = Objects.requireNonNull(keyProvider, "keyProvider");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Encrypts and stores one recorded span of a live call, then catalogues it with no retention
     * deadline (the deadline is set when the call ends). Reads the audio to its end; the caller
     * closes it.
     *
     * @param callId the call the span belongs to; a valid call id
     * @param spanId the span within the call: 1 to 128 letters, digits, '.', '_', ':' or '-'
     * @param spanStartedAt when recording of the span started; never null
     * @param spanEndedAt when it stopped; not before {@code spanStartedAt}
     * @param audio the span's audio; never null
     * @return the catalogued entry, never null
     * @throws IllegalArgumentException naming the value and the rule when an argument is invalid
     * @throws RecordingNotStoredException when any step fails; nothing of the recording is kept
     */
    public RecordingEntry store(String callId, String spanId, Instant spanStartedAt,
            Instant spanEndedAt, InputStream audio) throws RecordingNotStoredException {
        checkSpan(callId, spanId, spanStartedAt, spanEndedAt);
        Objects.requireNonNull(audio, "audio");

        String recordingId = newRecordingId();
        ObjectKey objectKey = objectKeyFor(recordingId, clock.instant());
        Failure failure = new Failure(recordingId, callId, spanId);

        StreamingAead cipher;
        WrappedKey wrappedKey;
        byte[] dataKey = DataKeys.generate(random);
        try {
            cipher = DataKeys.streamingAead(dataKey);
            wrappedKey = keyProvider.wrap(dataKey, DataKeys.keyAssociatedData(recordingId));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw failure.of("wrapping its data key with the key provider", e);
        } finally {
            // Limitation: only this copy is cleared; Tink's key objects keep their own copy in
            // the heap until they are garbage collected, and Java offers no way to clear those.
            Arrays.fill(dataKey, (byte) 0);
        }

        StoredCiphertext ciphertext =
                writeEncrypted(objectKey, cipher, recordingId, callId, audio, failure);

        RecordingEntry entry = new RecordingEntry(recordingId, callId, spanId, objectKey,
                spanStartedAt, spanEndedAt, ciphertext.plaintextBytes(), ciphertext.bytes(),
                ciphertext.sha256(), wrappedKey, clock.instant(), null);
        catalogue(entry, failure);

        LOG.debug("Stored recording {} of call {} span {}: {} audio bytes, {} ciphertext bytes",
                recordingId, callId, spanId, entry.plaintextBytes(), entry.ciphertextBytes());
        return entry;
    }

    /**
     * Opens a recording for reading: the returned stream decrypts as it is read and releases
     * only authenticated plaintext. When read to its end it also checks the whole ciphertext
     * against the size and SHA-256 in the catalogue. The caller closes it.
     *
     * <p>This does not check who is asking or why; authorised access does, and writes its audit
     * entry, before calling it.
     *
     * @param recordingId the recording's id
     * @return the decrypting stream, never null
     * @throws IllegalArgumentException naming the value when it is not a recording id
     * @throws UnknownRecordingException when the catalogue has no such recording
     * @throws RecordingKeyUnavailableException when its data key was destroyed or cannot be
     *     unwrapped
     * @throws RecordingIntegrityException when its stored object is missing; reading the stream
     *     throws it when the ciphertext fails authentication or does not match the catalogue
     * @throws IOException when the backend cannot be read
     */
    public InputStream open(String recordingId) throws IOException {
        checkRecordingId(recordingId);
        RecordingEntry entry = catalogue.findRecording(recordingId)
                .orElseThrow(() -> new UnknownRecordingException(recordingId));

        StreamingAead cipher = unwrap(entry);

        InputStream stored;
        try {
            stored = backend.open(entry.objectKey());
        } catch (NoSuchFileException e) {
            throw new RecordingIntegrityException(recordingId,
                    "its stored object '" + entry.objectKey() + "' is missing", e);
        }

        CiphertextSource source = new CiphertextSource(stored);
        try {
            InputStream plaintext = cipher.newDecryptingStream(source,
                    DataKeys.contentAssociatedData(recordingId, entry.callId()));
            return new DecryptedRecording(recordingId, plaintext, source,
                    entry.ciphertextBytes(), entry.ciphertextSha256());
        } catch (GeneralSecurityException | IOException e) {
            source.close();
            throw new RecordingIntegrityException(recordingId,
                    "its ciphertext could not be opened for decryption", e);
        }
    }

    /**
     * Returns the object key of a recording: under recordings/yyyy/mm/dd/ of the UTC date. Built
     * by hand because {@code String.format} costs milliseconds on its first call.
     */
    static ObjectKey objectKeyFor(String recordingId, Instant at) {
        LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
        StringBuilder key = new StringBuilder(64).append("recordings/");
        appendPadded(key, date.getYear(), 4).append('/');
        appendPadded(key, date.getMonthValue(), 2).append('/');
        appendPadded(key, date.getDayOfMonth(), 2).append('/');
        return ObjectKey.of(key.append(recordingId).toString());
    }

    private static StringBuilder appendPadded(StringBuilder key, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            key.append('0');
        }
        return key.append(text);
    }

    private String newRecordingId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return ID_PREFIX + HexFormat.of().formatHex(id);
    }

    private StoredCiphertext writeEncrypted(ObjectKey objectKey, StreamingAead cipher,
            String recordingId, String callId, InputStream audio, Failure failure)
            throws RecordingNotStoredException {
        AudioSource source = new AudioSource(audio);
        try (PendingObject pending = backend.create(objectKey)) {
            CiphertextSink sink = new CiphertextSink(pending.stream());
            long plaintextBytes;
            try (CiphertextWriter writer = new CiphertextWriter(sink, WRITERS)) {
                try (OutputStream encrypting = cipher.newEncryptingStream(writer,
                        DataKeys.contentAssociatedData(recordingId, callId))) {
                    plaintextBytes = encrypt(source, encrypting);
                }
                writer.finish();
            }

            pending.commit();
            return new StoredCiphertext(plaintextBytes, sink.bytes(), sink.sha256Hex());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // Closing the pending object above has already discarded everything written.
            String step = source.failure != null ? "reading the audio"
                    : "writing the encrypted object '" + objectKey + "' to storage";
            throw failure.of(step, source.failure != null ? source.failure : e);
        }
    }

    /**
     * Reads the audio into the cipher a segment at a time: the cipher then encrypts straight
     * from this buffer instead of first copying many small writes into its own.
     */
    private static long encrypt(InputStream audio, OutputStream encrypting) throws IOException {
        byte[] buffer = new byte[DataKeys.SEGMENT_BYTES];
        long total = 0;
        for (int read; (read = audio.read(buffer)) != -1; ) {
            encrypting.write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    private void catalogue(RecordingEntry entry, Failure failure)
            throws RecordingNotStoredException {
        try {
            catalogue.addRecording(entry);
        } catch (RuntimeException e) {
            RecordingNotStoredException notStored = failure.of("adding it to the catalogue", e);
            removeUncatalogued(entry.objectKey(), notStored);
            throw notStored;
        }
        // Limitation: a catalogue that commits but then reports a failure (a lost reply) leaves
        // an entry whose object was removed here; reading it fails with a clear integrity error.
    }

    private void removeUncatalogued(ObjectKey objectKey, RecordingNotStoredException notStored) {
        try {
            backend.delete(objectKey);
        } catch (IOException | RuntimeException e) {
            // The wrapped key existed only in the failed entry, so what is left is undecryptable.
            notStored.addSuppressed(e);
            LOG.error("Could not remove uncatalogued object {}; it cannot be decrypted because"
                    + " its wrapped key was never catalogued", objectKey, e);
        }
    }

    private StreamingAead unwrap(RecordingEntry entry) throws RecordingKeyUnavailableException {
        String recordingId = entry.recordingId();
        WrappedKey wrapped = entry.wrappedKey();
        if (wrapped == null) {
            throw new RecordingKeyUnavailableException(recordingId,
                    "its data key has been destroyed, so its audio is unrecoverable", null);
        }

        byte[] keyBytes = null;
        try {
            keyBytes = keyProvider.unwrap(wrapped, DataKeys.keyAssociatedData(recordingId));
            return DataKeys.streamingAead(keyBytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RecordingKeyUnavailableException(recordingId, "its data key could not be"
                    + " unwrapped with key-encryption key '" + wrapped.keyId() + "' (destroyed,"
                    + " unknown, or the wrapped key is not this recording's)", e);
        } finally {
            if (keyBytes != null) {
                Arrays.fill(keyBytes, (byte) 0);
            }
        }
    }

    private static void checkSpan(String callId, String spanId, Instant startedAt,
            Instant endedAt) {
        CallEvent.requireCallId(callId);
        Objects.requireNonNull(spanId, "spanId");
        if (!SPAN_ID.matcher(spanId).matches()) {
            String shown = spanId.length() > 40 ? spanId.substring(0, 40) + "..." : spanId;
            throw new IllegalArgumentException("span id '" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "' must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with"
                    + " a letter or digit");
        }
        Objects.requireNonNull(startedAt, "spanStartedAt");
        Objects.requireNonNull(endedAt, "spanEndedAt");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("span " + spanId + " of call " + callId
                    + " ends at " + endedAt + ", before it starts at " + startedAt
                    + "; a span must not end before it starts");
        }
    }

    private static void checkRecordingId(String recordingId) {
        Objects.requireNonNull(recordingId, "recordingId");
        if (!RECORDING_ID.matcher(recordingId).matches()) {
            String shown = recordingId.length() > 40
                    ? recordingId.substring(0, 40) + "..." : recordingId;
            throw new IllegalArgumentException("recording id '"
                    + shown.replaceAll("[^\\x20-\\x7e]", "?")
                    + "' must be 'rec-' followed by 32 lower-case hexadecimal digits");
        }
    }

    /** Names the writing threads and makes them daemons. */
    private static final class WriterThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "callrec-vault-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** What a committed object holds. */
    private record StoredCiphertext(long plaintextBytes, long bytes, String sha256) {}

    /** Builds the exception for a failed step and logs it once, at ERROR. */
    private record Failure(String recordingId, String callId, String spanId) {
        RecordingNotStoredException of(String step, Throwable cause) {
            LOG.error("Recording {} of call {} span {} was not stored: {} failed",
                    recordingId, callId, spanId, step, cause);
            return new RecordingNotStoredException(recordingId, callId, spanId, step, cause);
        }
    }

    /** The caller's audio, remembering whether it was the audio that failed to read. */
    private static final class AudioSource extends FilterInputStream {
        private Exception failure;

        AudioSource(InputStream audio) {
            super(audio);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The caller owns the audio stream and closes it.
        }
    }
}
