package org.callrec.catalogue.jdbc;

import java.util.Objects;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.CatalogueProvider;
import org.callrec.spi.catalogue.PersonalDataSeal;

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
     * Checks the settings, then refuses: this catalogue keeps personal data only sealed, so it
     * is opened with {@link #create(ProviderConfig, PersonalDataSeal)}.
     *
     * @throws org.callrec.spi.InvalidConfigurationException naming the setting when a setting is
     *     missing or has a bad value, and otherwise naming the sealing rule
     */
    @Override
    public JdbcCatalogue create(ProviderConfig config) {
        CatalogueSettings.from(config);
        throw new InvalidConfigurationException("the jdbc catalogue keeps addresses and numbers"
                + " only sealed; create it with a PersonalDataSeal");
    }

    /**
     * Opens the catalogue the settings name, keeping personal data sealed by {@code seal}, and
     * brings its schema up to date.
     *
     * @throws org.callrec.spi.InvalidConfigurationException naming the setting, when a setting is
     *     missing or has a bad value
     * @throws CatalogueStorageException when the database cannot be opened or migrated
     */
    @Override
    public JdbcCatalogue create(ProviderConfig config, PersonalDataSeal seal) {
        Objects.requireNonNull(seal, "seal");
        return JdbcCatalogue.open(CatalogueSettings.from(config), seal);
    }

    @Override
    public String toString() {
        return "JdbcCatalogueProvider[" + NAME + "]";
    }
}
