package org.callrec.spi.keys;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for a key provider. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.keys.KeyProviderFactory}. (Named a factory because
 * the contract it makes is itself called a provider.)
 */
public interface KeyProviderFactory {
    /** Returns the stable name this key provider is chosen by, such as {@code local-keyset}. */
    String name();

    /**
     * Creates a key provider from validated configuration.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     */
    KeyProvider create(ProviderConfig config);
}
