package org.callrec.catalogue.jdbc;

import org.callrec.spi.ProviderConfig;
import org.callrec.spi.access.GrantStoreProvider;

/**
 * Provides grants in SQL under the name {@value #NAME}, in the catalogue's database. It takes
 * the same settings as {@link JdbcCatalogueProvider} ({@code url} or {@code directory},
 * {@code user}, {@code password}, {@code pool-size}); give it the same values as the catalogue.
 */
public final class JdbcGrantStoreProvider implements GrantStoreProvider {
    /** The name this grant store is chosen by. */
    public static final String NAME = "jdbc";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public JdbcGrantStoreProvider() {
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the grant store the settings name and brings the schema up to date.
     *
     * @throws org.callrec.spi.InvalidConfigurationException naming the setting, when a setting is
     *     missing or has a bad value
     * @throws CatalogueStorageException when the database cannot be opened or migrated
     */
    @Override
    public JdbcGrantStore create(ProviderConfig config) {
        return JdbcGrantStore.open(CatalogueSettings.from(config));
    }

    @Override
    public String toString() {
        return "JdbcGrantStoreProvider[" + NAME + "]";
    }
}
