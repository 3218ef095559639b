package org.callrec.core.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.keys.KeyProvider;
import org.callrec.spi.keys.KeyProviderFactory;

/**
 * The {@link java.util.ServiceLoader} entry for {@link LocalKeysetKeyProvider}, named
 * {@value #NAME}. Its one setting, {@value #KEYSET_FILE}, names the keyset file, created on first
 * use. Fit for evaluation only: see {@link LocalKeysetKeyProvider}.
 */
public final class LocalKeysetKeyProviderFactory implements KeyProviderFactory {
    /** The name this key provider is chosen by. */
    public static final String NAME = "local-keyset";

    /** The setting that names the keyset file. */
    public static final String KEYSET_FILE = "keyset-file";

    /** Creates the factory; called by {@link java.util.ServiceLoader}. */
    public LocalKeysetKeyProviderFactory() {
        // Stateless: everything comes from the configuration given to create.
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the keyset file named by {@value #KEYSET_FILE}, creating it when missing.
     *
     * @throws InvalidConfigurationException when the setting is missing or not a path, an
     *     unknown setting is given, or the file breaks a rule of {@link LocalKeysetKeyProvider}
     * @throws UncheckedIOException naming the file when it cannot be read or created
     */
    @Override
    public KeyProvider create(ProviderConfig config) {
        Set<String> unknown = new TreeSet<>(config.settings().keySet());
        unknown.remove(KEYSET_FILE);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("key provider '" + NAME + "' has no"
                    + " setting(s) " + unknown + "; its only setting is '" + KEYSET_FILE + "'");
        }

        String value = config.require(KEYSET_FILE);
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("setting '" + KEYSET_FILE + "' of key"
                    + " provider '" + NAME + "' must be a file path, but was '" + value + "'", e);
        }

        try {
            return new LocalKeysetKeyProvider(file);
        } catch (IOException e) {
            throw new UncheckedIOException("key provider '" + NAME + "' cannot open keyset file '"
                    + file + "'", e);
        }
    }
}
