package org.callrec.spi.storage;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for a storage backend. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.storage.StorageBackendProvider}.
 */
public interface StorageBackendProvider {
    /** Returns the stable name this backend is chosen by, such as {@code fs} or {@code s3}. */
    String name();

    /**
     * Creates a backend from validated configuration.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     * @throws java.io.UncheckedIOException when the backend cannot be reached or prepared
     */
    StorageBackend create(ProviderConfig config);
}
