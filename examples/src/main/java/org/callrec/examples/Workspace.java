package org.callrec.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.callrec.core.providers.ProviderRegistry;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.CatalogueProvider;
import org.callrec.spi.keys.KeyProvider;
import org.callrec.spi.keys.KeyProviderFactory;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.spi.storage.StorageBackendProvider;

/**
 * The embedded default installation under one folder: encrypted recordings on the local disk
 * ({@code fs} backend, under {@code recordings/}), the catalogue in an embedded H2 database
 * ({@code jdbc}, under {@code catalogue/}) and the key-encryption keyset in a local file
 * ({@code local-keyset}, {@code keys/keyset.json}, fit for evaluation only).
 */
public final class Workspace implements AutoCloseable {
    private final Path root;
    private final StorageBackend storage;
    private final Catalogue catalogue;
    private final KeyProvider keys;
    private final RecordingVault vault;

    private Workspace(Path root, StorageBackend storage, Catalogue catalogue, KeyProvider keys,
            RecordingVault vault) {
        this.root = root;
        this.storage = storage;
        this.catalogue = catalogue;
        this.keys = keys;
        this.vault = vault;
    }

    /**
     * Opens (creating if needed) the default installation under a folder, finding the backend,
     * catalogue and key provider through {@link java.util.ServiceLoader}.
     */
    public static Workspace open(Path root, Clock clock) {
        return open(root, clock, Locations.embedded());
    }

    /**
     * Opens an installation whose keys live under a folder and whose recordings and catalogue
     * live where the locations say, falling back to the embedded defaults under the folder.
     *
     * @throws IllegalArgumentException naming a location that is malformed
     */
    public static Workspace open(Path root, Clock clock, Locations locations) {
        Map<String, String> s3 = locations.s3Settings().orElse(null);
        Map<String, String> database = locations.catalogueSettings().orElse(null);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root, e);
        }

        KeyProvider keys = ProviderRegistry
                .discover(KeyProviderFactory.class, KeyProviderFactory::name)
                .get("local-keyset")
                .create(ProviderConfig.of(Map.of("keyset-file",
                        root.resolve("keys").resolve("keyset.json").toString()), clock));
        StorageBackend storage = ProviderRegistry
                .discover(StorageBackendProvider.class, StorageBackendProvider::name)
                .get(s3 == null ? "fs" : "s3")
                .create(ProviderConfig.of(s3 != null ? s3
                        : Map.of("root", root.resolve("recordings").toString()), clock));
        Catalogue catalogue = ProviderRegistry
                .discover(CatalogueProvider.class, CatalogueProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(database != null ? database
                        : Map.of("directory", root.resolve("catalogue").toString()), clock));
        RecordingVault vault = new RecordingVault(storage, keys, catalogue, clock);
        return new Workspace(root, storage, catalogue, keys, vault);
    }

    /** Returns the folder the installation lives in. */
    public Path root() {
        return root;
    }

    /** Returns the storage backend holding the encrypted recordings. */
    public StorageBackend storage() {
        return storage;
    }

    /** Returns the catalogue. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Returns the vault that encrypts, stores and opens recordings. */
    public RecordingVault vault() {
        return vault;
    }

    @Override
    public void close() {
        catalogue.close();
        keys.close();
        try {
            storage.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
