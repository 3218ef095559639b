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

    /**
     * Creates a catalogue that keeps personal data sealed by {@code seal}. Catalogues that hold
     * addresses implement this; the default refuses, so that no catalogue keeps numbers in the
     * clear by accident.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     *     or the catalogue cannot seal personal data
     */
    default Catalogue create(ProviderConfig config, PersonalDataSeal seal) {
        throw new org.callrec.spi.InvalidConfigurationException("catalogue '" + name()
                + "' cannot keep personal data sealed, which every catalogue must");
    }
}
