package org.callrec.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.callrec.core.audit.FileAuditSink;
import org.callrec.core.providers.ProviderRegistry;
import org.callrec.core.subject.PersonalDataKeyset;
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
 * ({@code local-keyset}, {@code keys/keyset.json}, fit for evaluation only), the keysets that
 * seal addresses and numbers in the catalogue ({@code keys/personal-data/}, also evaluation only),
 * the audit trail in a local file ({@code audit/audit.log}), and grants to read recordings
 * beside the catalogue ({@code jdbc} grant store).
 */
public final class Workspace implements AutoCloseable {
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY_FOLDER =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

    private final Path root;
    private final StorageBackend storage;
    private final Catalogue catalogue;
    private final KeyProvider keys;
    private final RecordingVault vault;
    private final FileAuditSink audit;
    private final PersonalDataKeyset personalData;
    private final GrantStore grants;

    private Workspace(Path root, StorageBackend storage, Catalogue catalogue, KeyProvider keys,
            RecordingVault vault, FileAuditSink audit, PersonalDataKeyset personalData,
            GrantStore grants) {
        this.personalData = personalData;
        this.grants = grants;
        this.root = root;
        this.storage = storage;
        this.catalogue = catalogue;
        this.keys = keys;
        this.vault = vault;
        this.audit = audit;
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
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("the data folder " + root
                    + " is a file; give --data a folder");
        }
        refuseNewKeysBesideOldData(root);
        refuseNewTrailBesideOldCatalogue(root, database == null);
        try {
            Files.createDirectories(root, OWNER_ONLY_FOLDER);
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
        PersonalDataKeyset personalData =
                PersonalDataKeyset.open(root.resolve("keys").resolve("personal-data"));
        // The trail is made before the catalogue, so that a catalogue folder without a trail
        // beside it means the trail was removed, never that a first start was cut short.
        FileAuditSink audit;
        try {
            audit = new FileAuditSink(auditFile(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> catalogueSettings = database != null ? database
                : Map.of("directory", root.resolve("catalogue").toString());
        Catalogue catalogue = database != null
                ? create(catalogueSettings, clock, personalData)
                : openCatalogue(root, clock, personalData);
        RecordingVault vault = new RecordingVault(storage, keys, catalogue, clock);
        GrantStore grants = ProviderRegistry
                .discover(GrantStoreProvider.class, GrantStoreProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(catalogueSettings, clock));
        return new Workspace(root, storage, catalogue, keys, vault, audit, personalData, grants);
    }

    /**
     * Opens an installation that must already exist: commands that only read or manage what is
     * stored never create one, so a mistyped folder is an error, not a new empty installation.
     *
     * @throws IllegalArgumentException naming the folder when it holds no installation
     */
    public static Workspace openExisting(Path root, Clock clock, Locations locations) {
        if (!Files.isRegularFile(keysetFile(root))) {
            throw new IllegalArgumentException("no Callrec installation in " + root + " ("
                    + keysetFile(root) + " is missing); `callrec demo` or `callrec replay`"
                    + " creates one, or give --data the folder that holds it");
        }
        return open(root, clock, locations);
    }

    /**
     * A new key-encryption keyset beside recordings made under an old one would leave every
     * one of them undecryptable, silently: refuse, so the operator restores the keyset.
     */
    private static void refuseNewKeysBesideOldData(Path root) {
        boolean hasData = Files.isDirectory(root.resolve("catalogue"))
                || Files.isDirectory(root.resolve("recordings"))
                || Files.exists(auditFile(root));
        if (hasData && !Files.isRegularFile(keysetFile(root))) {
            throw new IllegalArgumentException(root + " holds recordings or a catalogue but its"
                    + " keyset " + keysetFile(root) + " is missing: without it nothing stored"
                    + " can be decrypted; restore it from a backup (a new one is not created)");
        }
        Path sealKeys = root.resolve("keys").resolve("personal-data");
        if (Files.isDirectory(root.resolve("catalogue")) && !Files.isDirectory(sealKeys)) {
            throw new IllegalArgumentException(root + " holds a catalogue but its personal-data"
                    + " keys " + sealKeys + " are missing: restore them from a backup");
        }
    }

    /**
     * A new, empty trail beside an existing catalogue would verify as intact while every access,
     * export and disposal recorded before had gone: refuse, so the operator restores the trail.
     */
    private static void refuseNewTrailBesideOldCatalogue(Path root, boolean embeddedCatalogue) {
        // Limitation: with the catalogue in PostgreSQL nothing local shows that a trail existed,
        // so a removed trail is not noticed there.
        if (embeddedCatalogue && Files.isDirectory(root.resolve("catalogue"))
                && !Files.exists(auditFile(root), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(root + " holds a catalogue but its audit trail "
                    + auditFile(root) + " is missing: a new, empty trail would hide every access,"
                    + " export and disposal recorded so far; restore it from a backup (a new one"
                    + " is not created)");
        }
    }

    private static Path keysetFile(Path root) {
        return root.resolve("keys").resolve("keyset.json");
    }

    /** Returns the audit trail file of the installation under a folder. */
    public static Path auditFile(Path root) {
        return root.resolve("audit").resolve("audit.log");
    }

    /**
     * Opens only the catalogue of an existing installation, read-only: the embedded H2 database
     * is opened with its data in read-only access mode, so not a byte of it changes.
     *
     * @throws IllegalArgumentException naming the folder when it holds no catalogue
     */
    public static Catalogue openCatalogueReadOnly(Path root, Clock clock) {
        Path database = root.resolve("catalogue").resolve("catalogue.mv.db");
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("no catalogue in " + root + " (expected "
                    + database + "); run `callrec demo` or `callrec replay` first");
        }
        Path sealKeys = root.resolve("keys").resolve("personal-data");
        if (!Files.isDirectory(sealKeys)) {
            throw new IllegalArgumentException("no personal-data keys in " + sealKeys
                    + "; the catalogue in " + root + " cannot be read without them");
        }
        String url = "jdbc:h2:file:" + root.resolve("catalogue").resolve("catalogue")
                .toAbsolutePath() + ";ACCESS_MODE_DATA=r";
        return ProviderRegistry
                .discover(CatalogueProvider.class, CatalogueProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(Map.of("url", url), clock),
                        PersonalDataKeyset.open(sealKeys));
    }

    /**
     * Opens the catalogue, creating it first in a folder of its own that is renamed into place
     * only once its schema is complete. H2 commits each schema statement on its own, so a
     * process killed while the schema was being created in place would leave a half-made
     * catalogue that can never be opened (found by the kill harness, CrashSafetyTest).
     */
    private static Catalogue openCatalogue(Path root, Clock clock, PersonalDataKeyset seal) {
        Path folder = root.resolve("catalogue");
        if (!Files.isDirectory(folder)) {
            Path creating = root.resolve("catalogue.creating");
            try {
                deleteTree(creating);
                create(Map.of("directory", creating.toString()), clock, seal).close();
                Files.move(creating, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the catalogue in " + folder, e);
            }
        }
        // Limitation: a later schema migration of an existing catalogue still runs in place;
        // a process killed during one leaves the catalogue needing repair by hand.
        return create(Map.of("directory", folder.toString()), clock, seal);
    }

    private static Catalogue create(Map<String, String> settings, Clock clock,
            PersonalDataKeyset seal) {
        return ProviderRegistry
                .discover(CatalogueProvider.class, CatalogueProvider::name)
                .get("jdbc")
                .create(ProviderConfig.of(settings, clock), seal);
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

    /** Returns the seal of the catalogue's personal data, which gives a number's blind index. */
    public PersonalDataKeyset personalData() {
        return personalData;
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
