package org.callrec.spi.keys;

import java.security.GeneralSecurityException;

/**
 * Wraps and unwraps data keys under named key-encryption keys. The vault gives every recording
 * its own data key and keeps only the wrapped form beside the recording's metadata.
 *
 * <p>Implementations are safe for use from many threads and never log or expose key material.
 * Associated data (such as the recording id) binds a wrapped key to its recording: unwrapping
 * with other associated data fails.
 */
public interface KeyProvider extends AutoCloseable {
    /**
     * Returns the name of the key-encryption key that {@link #wrap} uses now; never null.
     * Rotation changes it; older keys stay available for unwrapping until destroyed.
     */
    String currentKeyId();

    /**
     * Wraps a data key under the current key-encryption key.
     *
     * @param dataKey the plaintext data key; the caller clears it afterwards
     * @param associatedData bytes that must be given again to unwrap
     * @return the wrapped key, with the id of the key-encryption key used
     * @throws GeneralSecurityException when the key cannot be wrapped
     */
    WrappedKey wrap(byte[] dataKey, byte[] associatedData) throws GeneralSecurityException;

    /**
     * Unwraps a data key.
     *
     * @throws GeneralSecurityException when the key-encryption key is unknown or destroyed, or
     *     the wrapped bytes or associated data do not match
     */
    byte[] unwrap(WrappedKey wrapped, byte[] associatedData) throws GeneralSecurityException;

    /**
     * Destroys a key-encryption key, so that nothing wrapped under it can be unwrapped again.
     * Destroying an unknown or already destroyed key is not an error.
     *
     * @throws GeneralSecurityException when the key exists but could not be destroyed
     */
    void destroy(String keyId) throws GeneralSecurityException;

    /** Releases resources. */
    @Override
    void close();
}
