package org.callrec.spi.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Stores encrypted recordings as immutable objects under validated keys.
 *
 * <p>Promises every implementation keeps: a committed object is durable and its bytes never
 * change; an object is either wholly visible or not at all; an existing key is never overwritten;
 * delete is idempotent. Implementations are safe for use from many threads, stream bytes instead
 * of holding whole objects in memory, and never write plaintext anywhere (they only see
 * ciphertext).
 */
public interface StorageBackend extends AutoCloseable {
    /**
     * Starts writing a new object.
     *
     * @throws ObjectAlreadyExistsException when the key is already committed
     * @throws IOException when the backend cannot accept writes
     */
    PendingObject create(ObjectKey key) throws IOException;

    /**
     * Opens a committed object for reading. The caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when there is no object under the key
     */
    InputStream open(ObjectKey key) throws IOException;

    /** Returns whether a committed object exists under the key. */
    boolean exists(ObjectKey key) throws IOException;

    /** Returns the size in bytes of a committed object, or -1 when there is none. */
    long size(ObjectKey key) throws IOException;

    /**
     * Deletes an object. Deleting a key that does not exist is not an error.
     *
     * @return whether an object was there to delete
     */
    boolean delete(ObjectKey key) throws IOException;

    /**
     * Lists committed objects whose keys start with a prefix, in key order.
     *
     * @param prefix a key prefix; empty lists everything
     */
    List<ObjectKey> list(String prefix) throws IOException;

    /** Releases resources; the backend is unusable afterwards. */
    @Override
    void close() throws IOException;
}
