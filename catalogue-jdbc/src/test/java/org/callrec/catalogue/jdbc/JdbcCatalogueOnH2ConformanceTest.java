package org.callrec.catalogue.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.testkit.catalogue.CatalogueConformanceKit;
import org.junit.jupiter.api.io.TempDir;

/** Runs the catalogue conformance kit on the embedded H2 default, in a fresh folder per test. */
class JdbcCatalogueOnH2ConformanceTest extends CatalogueConformanceKit {
    @TempDir
    Path folder;

    @Override
    protected Catalogue openCatalogue() {
        return EmbeddedCatalogues.openIn(folder,
                Clock.fixed(Instant.parse("2025-03-04T12:00:00Z"), ZoneOffset.UTC),
                JdbcCatalogueTest.SEAL);
    }
}
