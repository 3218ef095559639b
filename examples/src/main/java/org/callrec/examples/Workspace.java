package org.callrec.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.callrec.core.audit.FileAuditSink;
import org.callrec.core.providers.ProviderRegistry;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.access.GrantStore;
import org.callrec.spi.access.GrantStoreProvider;
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
 * ({@code local-keyset}, {@code keys/keyset.json}, fit for evaluation only), and the audit trail
 * in a local file ({@code audit/audit.log}), and grants to read recordings beside the catalogue
 * ({@code jdbc} grant store).
 */
public final class Workspace implements AutoCloseable {
    private final Path root;
    private final StorageBackend storage;
    private final Catalogue catalogue;
    private final KeyProvider keys;
    private final RecordingVault vault;
    private final FileAuditSink audit;
    private final GrantStore grants;

    private Workspace(Path root, StorageBackend storage, Catalogue catalogue, KeyProvider keys,
            RecordingVault vault, FileAuditSink audit, GrantStore grants) {
        this.root = root;
        this.storage = storage;
        this.catalogue = catalogue;
        this.keys = keys;
        this.vault = vault;
        this.audit = audit;
        this.grants = grants;
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
        Catalogue catalogue = ProviderRegistry
                .discover(CatalogueProvider.class, CatalogueProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(Map.of("directory",
                        root.resolve("catalogue").toString()), clock));
        RecordingVault vault = new RecordingVault(storage, keys, catalogue, clock);
        FileAuditSink audit;
        try {
            audit = new FileAuditSink(auditFile(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GrantStore grants = ProviderRegistry
                .discover(GrantStoreProvider.class, GrantStoreProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(Map.of("directory",
                        root.resolve("catalogue").toString()), clock));
        return new Workspace(root, storage, catalogue, keys, vault, audit, grants);
    }

    /** Returns the audit trail file of the installation under a folder. */
    public static Path auditFile(Path root) {
        return root.resolve("audit").resolve("audit.log");
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

    /** Returns the audit trail. */
    public FileAuditSink audit() {
        return audit;
    }

    /** Returns the store of grants to read recordings. */
    public GrantStore grants() {
        return grants;
    }

    @Override
    public void close() {
        grants.close();
        audit.close();
        catalogue.close();
        keys.close();
        try {
            storage.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
