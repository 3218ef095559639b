package org.callrec.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.spi.storage.StorageBackendProvider;

/**
 * The {@link java.util.ServiceLoader} entry for {@link FileSystemStorageBackend}, named
 * {@value #NAME}. Its one setting, {@value #ROOT}, names the directory that holds every object;
 * it is created, readable by its owner only, when it is missing. Any other setting is refused,
 * so that a misspelt one is not silently ignored.
 */
public final class FileSystemStorageProvider implements StorageBackendProvider {
    /** The name this backend is chosen by. */
    public static final String NAME = "fs";

    /** The setting that names the root directory. */
    public static final String ROOT = "root";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public FileSystemStorageProvider() {
        // Stateless: everything comes from the configuration given to create.
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens a backend on the directory named by the {@value #ROOT} setting.
     *
     * @throws InvalidConfigurationException when {@value #ROOT} is missing or not a path, or an
     *     unknown setting is given
     * @throws UncheckedIOException naming the root when it cannot be created or read
     */
    @Override
    public StorageBackend create(ProviderConfig config) {
        Set<String> unknown = new TreeSet<>(config.settings().keySet());
        unknown.remove(ROOT);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("storage backend '" + NAME
                    + "' has no setting(s) " + unknown + "; its only setting is '" + ROOT + "'");
        }

        Path root;
        String value = config.require(ROOT);
        try {
            root = Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("setting '" + ROOT + "' of storage backend '"
                    + NAME + "' must be a directory path, but was '" + value + "'", e);
        }

        try {
            return new FileSystemStorageBackend(root);
        } catch (IOException e) {
            throw new UncheckedIOException("storage backend '" + NAME
                    + "' cannot open its root directory '" + root + "'", e);
        }
    }
}
