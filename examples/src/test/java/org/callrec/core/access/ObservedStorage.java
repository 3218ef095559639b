package org.callrec.core.access;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;

/** A real storage backend, counting every byte of ciphertext read from it. */
final class ObservedStorage implements StorageBackend {
    private final StorageBackend backend;
    private final AtomicLong bytesRead = new AtomicLong();

    ObservedStorage(StorageBackend backend) {
        this.backend = backend;
    }

    long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public PendingObject create(ObjectKey key) throws IOException {
        return backend.create(key);
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        return new FilterInputStream(backend.open(key)) {
            @Override
            public int read() throws IOException {
                int read = super.read();
                if (read >= 0) {
                    bytesRead.incrementAndGet();
                }
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    bytesRead.addAndGet(read);
                }
                return read;
            }
        };
    }

    @Override
    public boolean exists(ObjectKey key) throws IOException {
        return backend.exists(key);
    }

    @Override
    public long size(ObjectKey key) throws IOException {
        return backend.size(key);
    }

    @Override
    public boolean delete(ObjectKey key) throws IOException {
        return backend.delete(key);
    }

    @Override
    public List<ObjectKey> list(String prefix) throws IOException {
        return backend.list(prefix);
    }

    @Override
    public void close() throws IOException {
        backend.close();
    }
}
