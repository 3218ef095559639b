package org.callrec.spi.keys;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data key wrapped under a key-encryption key: safe to store, useless without the key provider.
 *
 * @param keyId the id of the key-encryption key; never null
 * @param bytes the wrapped key; never null or empty
 */
public record WrappedKey(String keyId, byte[] bytes) {
    /** Creates a wrapped key, copying the bytes. */
    public WrappedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a wrapped key must not be empty");
        }
        bytes = bytes.clone();
    }

    /** Returns a copy of the wrapped bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey that && keyId.equals(that.keyId)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WrappedKey[keyId=" + keyId + ", " + bytes.length + " bytes]";
    }
}
