package org.callrec.spi.access;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for a grant store. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.access.GrantStoreProvider}.
 */
public interface GrantStoreProvider {
    /** Returns the stable name this store is chosen by, such as {@code jdbc}. */
    String name();

    /**
     * Creates a store from validated configuration.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     */
    GrantStore create(ProviderConfig config);
}
