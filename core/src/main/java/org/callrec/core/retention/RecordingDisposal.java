package org.callrec.core.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.storage.StorageBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disposes of one recording; the only code that deletes recordings. Every request passes the
 * {@link DeletionGuard} first. Then, in this order and each step audited before it is taken (a
 * step whose audit entry cannot be written is not taken):
 * <ol>
 *   <li>the wrapped data key is destroyed in the catalogue (crypto-shredding: from here on the
 *       object cannot be decrypted, wherever copies of it are);
 *   <li>the encrypted object is deleted from storage;
 *   <li>a {@link DisposalReceipt} is recorded, and the recording's entry (and, with its call's
 *       last recording, the call's personal data) goes from the catalogue.
 * </ol>
 * Each step is idempotent, so a disposal stopped anywhere is completed by asking again: a
 * recording whose key is already destroyed is past the guard's reach (its audio is gone) and is
 * finished whatever holds were placed since.
 *
 * <p>Whether the caller may delete the recording at all (its deadline, the caller's role) is
 * for the caller to decide; the sweep checks the deadline.
 */
public final class RecordingDisposal {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingDisposal.class);

    /** The audit action written before a recording's encrypted object is deleted. */
    public static final String ACTION_OBJECT_DELETED = "object-deleted";

    private final Catalogue catalogue;
    private final StorageBackend storage;
    private final AuditSink audit;
    private final DeletionGuard guard;
    private final Clock clock;

    /**
     * Creates the disposal over its collaborators; it opens or closes none of them.
     *
     * @param catalogue keeps recordings, holds and receipts
     * @param storage holds the encrypted objects
     * @param audit receives an entry before each step
     * @param clock the source of the disposal time
     */
    public RecordingDisposal(Catalogue catalogue, StorageBackend storage, AuditSink audit,
            Clock clock) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.guard = new DeletionGuard(catalogue);
    }

    /** Returns the guard this disposal passes every request through. */
    public DeletionGuard guard() {
        return guard;
    }

    /**
     * Disposes of a recording, or finishes disposing of it.
     *
     * @param recordingId the recording
     * @param path what asks for the deletion
     * @param actor the staff id or component asking, for the audit trail
     * @return the receipt; the existing one when the recording was already disposed of
     * @throws RecordingOnHoldException when the recording is held; nothing is changed
     * @throws UnknownRecordingForDisposalException when the recording was never catalogued
     * @throws AuditWriteException when a step's audit entry cannot be written; that step and
     *     those after it are not taken
     * @throws IOException when the object cannot be deleted; the key is already destroyed
     */
    public DisposalReceipt dispose(String recordingId, DeletionPath path, String actor)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(actor, "actor");
        Optional<RecordingEntry> found = catalogue.findRecording(recordingId);
        if (found.isEmpty()) {
            return catalogue.disposalOf(recordingId).orElseThrow(
                    () -> new UnknownRecordingForDisposalException(recordingId));
        }
        RecordingEntry entry = found.get();
        boolean keyAlreadyDestroyed = entry.wrappedKey() == null;
        if (!keyAlreadyDestroyed) {
            guard.check(recordingId, path);
        }

        record(AuditEntry.ACTION_KEY_DESTROYED, actor, entry, path,
                Map.of("already-destroyed", Boolean.toString(keyAlreadyDestroyed)));
        catalogue.destroyWrappedKey(recordingId);

        record(ACTION_OBJECT_DELETED, actor, entry, path,
                Map.of("object", entry.objectKey().value()));
        storage.delete(entry.objectKey());

        DisposalReceipt receipt = new DisposalReceipt(recordingId, entry.callId(),
                entry.retentionDeadline(), clock.instant(), entry.ciphertextSha256(), true);
        record(AuditEntry.ACTION_DISPOSAL, actor, entry, path,
                Map.of("ciphertext-sha256", entry.ciphertextSha256(),
                        "deadline", String.valueOf(entry.retentionDeadline())));
        catalogue.recordDisposal(receipt);

        LOG.info("Disposed of recording {} of call {} by the {} path", recordingId,
                entry.callId(), path.label());
        return catalogue.disposalOf(recordingId).orElse(receipt);
    }

    private void record(String action, String actor, RecordingEntry entry, DeletionPath path,
            Map<String, String> details) throws AuditWriteException {
        Map<String, String> all = new TreeMap<>(details);
        all.put("path", path.label());
        all.put("call", entry.callId());
        Instant now = clock.instant();
        audit.append(new AuditEntry(now, action, actor, entry.recordingId(), all));
    }
}
