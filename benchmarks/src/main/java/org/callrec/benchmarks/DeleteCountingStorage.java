package org.callrec.benchmarks;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;

/**
 * A storage backend for the sweep benchmark that only counts deletes, so that a sweep's figure
 * is the catalogue's and the audit trail's work, and the count shows every due recording was
 * disposed of. Writing and reading are refused: the sweep never does either.
 */
final class DeleteCountingStorage implements StorageBackend {
    private final AtomicLong deletes = new AtomicLong();

    /** Returns how many deletes were asked for. */
    long deletes() {
        return deletes.get();
    }

    @Override
    public boolean delete(ObjectKey key) {
        deletes.incrementAndGet();
        return true;
    }

    @Override
    public PendingObject create(ObjectKey key) {
        throw refused("write");
    }

    @Override
    public InputStream open(ObjectKey key) {
        throw refused("read");
    }

    @Override
    public boolean exists(ObjectKey key) {
        throw refused("look up");
    }

    @Override
    public long size(ObjectKey key) {
        throw refused("size");
    }

    @Override
    public List<ObjectKey> list(String prefix) {
        throw refused("list");
    }

    @Override
    public void close() {
    }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException("the sweep benchmark's storage only counts"
                + " deletes; it does not " + what + " objects");
    }
}
