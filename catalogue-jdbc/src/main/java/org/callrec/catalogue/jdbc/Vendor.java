package org.callrec.catalogue.jdbc;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The databases the catalogue's schema is written for. Each has a folder of migrations beside
 * the common one, holding only what its SQL dialect needs differently.
 */
enum Vendor {
    H2("jdbc:h2:", "h2"),
    POSTGRESQL("jdbc:postgresql:", "postgresql");

    private final String urlPrefix;
    private final String folder;

    Vendor(String urlPrefix, String folder) {
        this.urlPrefix = urlPrefix;
        this.folder = folder;
    }

    /** Returns the vendor whose driver serves the URL, or empty when none does. */
    static Optional<Vendor> ofUrl(String url) {
        return Arrays.stream(values()).filter(v -> url.startsWith(v.urlPrefix)).findFirst();
    }

    /** Returns the URL prefixes served, for error messages. */
    static String supportedPrefixes() {
        return Arrays.stream(values()).map(v -> "'" + v.urlPrefix + "'")
                .collect(Collectors.joining(" or "));
    }

    /** Returns the Flyway locations: the common migrations, then this vendor's. */
    String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + folder};
    }
}
