package org.callrec.spi.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written. Its bytes are invisible to readers until {@link #commit()} returns;
 * closing it without committing discards everything written, so a failed write leaves nothing.
 *
 * <p>Not safe for use from several threads at once.
 */
public interface PendingObject extends Closeable {
    /** Returns the stream to write the object's bytes to; never null. */
    OutputStream stream();

    /**
     * Makes the object durable and visible under its key, atomically.
     *
     * @throws ObjectAlreadyExistsException when another writer committed the key first
     * @throws IOException when the object could not be made durable; nothing is then visible
     */
    void commit() throws IOException;

    /** Discards the object if it was not committed; does nothing after a commit. Idempotent. */
    @Override
    void close() throws IOException;
}
