package org.callrec.spi.catalogue;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for a catalogue. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.catalogue.CatalogueProvider}.
 */
public interface CatalogueProvider {
    /** Returns the stable name this catalogue is chosen by, such as {@code jdbc}. */
    String name();

    /**
     * Creates a catalogue from validated configuration, bringing its schema up to date.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     */
    Catalogue create(ProviderConfig config);
}
