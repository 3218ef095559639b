package org.callrec.core.vault;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.callrec.spi.storage.ObjectAlreadyExistsException;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;

/**
 * A test fake of {@link StorageBackend} that keeps objects in memory. It counts the bytes that
 * pass in and out, so tests can see that the vault streams, and lets a test flip a stored byte.
 */
public final class InMemoryStorageBackend implements StorageBackend {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicInteger openPending = new AtomicInteger();

    /** Returns how many bytes have been written to pending objects so far. */
    long bytesWritten() {
        return bytesWritten.get();
    }

    /** Returns how many bytes have been read from stored objects so far. */
    long bytesRead() {
        return bytesRead.get();
    }

    /** Returns how many pending objects are neither committed nor closed. */
    int openPendingObjects() {
        return openPending.get();
    }

    /** Returns a copy of a stored object's bytes. */
    byte[] bytesOf(ObjectKey key) {
        return objects.get(key.value()).clone();
    }

    /** Flips every bit of one byte of a stored object, as tampering or rot would. */
    void flipByte(ObjectKey key, int index) {
        objects.get(key.value())[index] ^= (byte) 0xff;
    }

    /** Replaces a stored object's bytes, as a swap of objects would. */
    void overwrite(ObjectKey key, byte[] bytes) {
        objects.put(key.value(), bytes.clone());
    }

    @Override
    public PendingObject create(ObjectKey key) throws IOException {
        if (objects.containsKey(key.value())) {
            throw new ObjectAlreadyExistsException(key);
        }
        openPending.incrementAndGet();
        return new Pending(key);
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        byte[] bytes = objects.get(key.value());
        if (bytes == null) {
            throw new NoSuchFileException(key.value());
        }
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                bytesRead.addAndGet(Math.max(read, 0));
                return read;
            }
        };
    }

    @Override
    public boolean exists(ObjectKey key) {
        return objects.containsKey(key.value());
    }

    @Override
    public long size(ObjectKey key) {
        byte[] bytes = objects.get(key.value());
        return bytes == null ? -1 : bytes.length;
    }

    @Override
    public boolean delete(ObjectKey key) {
        return objects.remove(key.value()) != null;
    }

    @Override
    public List<ObjectKey> list(String prefix) {
        return objects.keySet().stream()
                .filter(value -> value.startsWith(prefix))
                .map(ObjectKey::of)
                .toList();
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private final class Pending implements PendingObject {
        private final ObjectKey key;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                bytesWritten.incrementAndGet();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                buffer.write(bytes, offset, length);
                bytesWritten.addAndGet(length);
            }
        };
        private boolean done;

        Pending(ObjectKey key) {
            this.key = key;
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            if (objects.putIfAbsent(key.value(), buffer.toByteArray()) != null) {
                throw new ObjectAlreadyExistsException(key);
            }
            finish();
        }

        @Override
        public void close() {
            finish();
        }

        private void finish() {
            if (!done) {
                done = true;
                openPending.decrementAndGet();
            }
        }
    }
}
