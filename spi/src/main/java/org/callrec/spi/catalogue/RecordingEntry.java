package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.Objects;
import org.callrec.spi.keys.WrappedKey;
import org.callrec.spi.storage.ObjectKey;

/**
 * One stored recording: one recorded span of a call, encrypted under its own data key.
 *
 * @param recordingId the recording id; never null
 * @param callId the call it belongs to; never null
 * @param spanId the span of the call it holds; never null
 * @param objectKey where the ciphertext is stored; never null
 * @param spanStartedAt when recording of the span started; never null
 * @param spanEndedAt when it stopped; never null
 * @param plaintextBytes the size of the audio before encryption
 * @param ciphertextBytes the size of the stored object
 * @param ciphertextSha256 the SHA-256 of the stored object, in lower-case hex; never null
 * @param wrappedKey the wrapped data key, or null once it has been destroyed
 * @param storedAt when the recording was committed; never null
 * @param retentionDeadline when it must be disposed of, or null while its call is live
 */
public record RecordingEntry(
        String recordingId,
        String callId,
        String spanId,
        ObjectKey objectKey,
        Instant spanStartedAt,
        Instant spanEndedAt,
        long plaintextBytes,
        long ciphertextBytes,
        String ciphertextSha256,
        WrappedKey wrappedKey,
        Instant storedAt,
        Instant retentionDeadline) {

    /** Creates an entry. */
    public RecordingEntry {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(spanStartedAt, "spanStartedAt");
        Objects.requireNonNull(spanEndedAt, "spanEndedAt");
        Objects.requireNonNull(ciphertextSha256, "ciphertextSha256");
        Objects.requireNonNull(storedAt, "storedAt");
    }

    /** Returns whether the recording still belongs to a live call (no deadline yet). */
    public boolean isOfLiveCall() {
        return retentionDeadline == null;
    }

    /** Returns this entry with a retention deadline. */
    public RecordingEntry withRetentionDeadline(Instant deadline) {
        return new RecordingEntry(recordingId, callId, spanId, objectKey, spanStartedAt,
                spanEndedAt, plaintextBytes, ciphertextBytes, ciphertextSha256, wrappedKey,
                storedAt, deadline);
    }
}
