package org.callrec.catalogue.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.PersonalDataSeal;

/** Opens the embedded H2 catalogue in a test's folder, through the provider users go through. */
final class EmbeddedCatalogues {
    private EmbeddedCatalogues() {
    }

    /** Opens (creating if needed) the embedded catalogue under a folder. */
    static JdbcCatalogue openIn(Path folder, Clock clock, PersonalDataSeal seal) {
        return new JdbcCatalogueProvider().create(ProviderConfig.of(
                Map.of(CatalogueSettings.DIRECTORY, folder.toString()), clock), seal);
    }
}
