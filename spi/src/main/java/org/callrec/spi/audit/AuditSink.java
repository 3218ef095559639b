package org.callrec.spi.audit;

/**
 * An append-only audit trail. An entry is durable when {@link #append} returns; the caller acts
 * only after that, and does not act at all when it throws (fail closed).
 *
 * <p>Implementations are safe for use from many threads, keep entries in the order they were
 * appended, and make tampering (edit, deletion, reordering, insertion, truncation) detectable.
 */
public interface AuditSink extends AutoCloseable {
    /**
     * Appends an entry durably.
     *
     * @throws AuditWriteException when the entry could not be written durably
     */
    void append(AuditEntry entry) throws AuditWriteException;

    /** Releases resources. */
    @Override
    void close();
}
