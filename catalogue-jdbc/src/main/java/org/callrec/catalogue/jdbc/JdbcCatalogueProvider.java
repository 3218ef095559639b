package org.callrec.catalogue.jdbc;

import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.CatalogueProvider;

/**
 * Provides the catalogue in SQL under the name {@value #NAME}.
 *
 * <p>Settings:
 * <ul>
 *   <li>{@code url}: a JDBC URL starting with {@code jdbc:h2:} or {@code jdbc:postgresql:};
 *   <li>{@code directory}: instead of {@code url}, a folder for an embedded H2 database in file
 *       mode, kept in {@code <directory>/catalogue.mv.db}; the folder is created if missing;
 *   <li>{@code user} and {@code password}: optional credentials;
 *   <li>{@code pool-size}: the number of pooled connections, 1 to 64, by default 4.
 * </ul>
 * Exactly one of {@code url} and {@code directory} is required. The configuration's clock is not
 * used: every instant the catalogue keeps is given to it.
 */
public final class JdbcCatalogueProvider implements CatalogueProvider {
    /** The name this catalogue is chosen by. */
    public static final String NAME = "jdbc";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public JdbcCatalogueProvider() {
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the catalogue the settings name and brings its schema up to date.
     *
     * @throws org.callrec.spi.InvalidConfigurationException naming the setting, when a setting is
     *     missing or has a bad value
     * @throws CatalogueStorageException when the database cannot be opened or migrated
     */
    @Override
    public JdbcCatalogue create(ProviderConfig config) {
        return JdbcCatalogue.open(CatalogueSettings.from(config));
    }

    @Override
    public String toString() {
        return "JdbcCatalogueProvider[" + NAME + "]";
    }
}
