package org.callrec.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
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
                .get("fs")
                .create(ProviderConfig.of(Map.of("root", root.resolve("recordings").toString()),
                        clock));
        Catalogue catalogue = openCatalogue(root, clock);
        RecordingVault vault = new RecordingVault(storage, keys, catalogue, clock);
        return new Workspace(root, storage, catalogue, keys, vault);
    }

    /**
     * Opens the catalogue, creating it first in a folder of its own that is renamed into place
     * only once its schema is complete. H2 commits each schema statement on its own, so a
     * process killed while the schema was being created in place would leave a half-made
     * catalogue that can never be opened (found by the kill harness, CrashSafetyTest).
     */
    private static Catalogue openCatalogue(Path root, Clock clock) {
        Path folder = root.resolve("catalogue");
        if (!Files.isDirectory(folder)) {
            Path creating = root.resolve("catalogue.creating");
            try {
                deleteTree(creating);
                create(creating, clock).close();
                Files.move(creating, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the catalogue in " + folder, e);
            }
        }
        // Limitation: a later schema migration of an existing catalogue still runs in place;
        // a process killed during one leaves the catalogue needing repair by hand.
        return create(folder, clock);
    }

    private static Catalogue create(Path folder, Clock clock) {
        return ProviderRegistry
                .discover(CatalogueProvider.class, CatalogueProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(Map.of("directory", folder.toString()), clock));
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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
