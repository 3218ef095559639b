package org.callrec.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;

/**
 * A real audit sink that remembers, for each entry, how many bytes of the recording had been
 * read from storage when the entry was durable; it can also be made to fail.
 */
final class ObservedAudit implements AuditSink {
    private final AuditSink sink;
    private final LongSupplier storageBytesRead;
    private final List<Appended> appended = new ArrayList<>();
    private volatile boolean failing;

    ObservedAudit(AuditSink sink, LongSupplier storageBytesRead) {
        this.sink = sink;
        this.storageBytesRead = storageBytesRead;
    }

    /** One entry, and the storage bytes read by the time its append returned. */
    record Appended(AuditEntry entry, long storageBytesReadWhenDurable) {}

    void failFromNowOn() {
        failing = true;
    }

    synchronized List<Appended> appended() {
        return List.copyOf(appended);
    }

    synchronized Appended last() {
        return appended.get(appended.size() - 1);
    }

    @Override
    public synchronized void append(AuditEntry entry) throws AuditWriteException {
        if (failing) {
            throw new AuditWriteException("the test made the trail unwritable", null);
        }
        sink.append(entry);
        appended.add(new Appended(entry, storageBytesRead.getAsLong()));
    }

    @Override
    public void close() {
        sink.close();
    }
}
