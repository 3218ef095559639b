package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.Objects;

/**
 * What is kept of a recording once it has been disposed of (clause 4.2): enough to show that it
 * went, when and how, and nothing of its content or its parties.
 *
 * @param recordingId the recording disposed of; never null
 * @param callId the call it belonged to; never null
 * @param deadline its retention deadline, or null when it was disposed of while its call was
 *     live (a caller's objection, clause 4.4)
 * @param disposedAt when disposal completed; never null
 * @param ciphertextSha256 the SHA-256 of the object that was deleted; never null
 * @param keyDestroyed whether its wrapped data key was destroyed (crypto-shredding)
 */
public record DisposalReceipt(
        String recordingId,
        String callId,
        Instant deadline,
        Instant disposedAt,
        String ciphertextSha256,
        boolean keyDestroyed) {

    /** Creates a receipt. */
    public DisposalReceipt {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(disposedAt, "disposedAt");
        Objects.requireNonNull(ciphertextSha256, "ciphertextSha256");
    }
}
