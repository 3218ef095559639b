package org.callrec.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditSinkProvider;

/**
 * The {@link java.util.ServiceLoader} entry for {@link FileAuditSink}, named {@value #NAME}. Its
 * one setting, {@value #FILE}, names the trail file, created (owner-only) on first use.
 */
public final class FileAuditSinkProvider implements AuditSinkProvider {
    /** The name this sink is chosen by. */
    public static final String NAME = "file";

    /** The setting that names the trail file. */
    public static final String FILE = "file";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public FileAuditSinkProvider() {
        // Stateless: everything comes from the configuration given to create.
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the trail in the file named by {@value #FILE}, creating it when missing.
     *
     * @throws InvalidConfigurationException when the setting is missing or not a path, or an
     *     unknown setting is given
     * @throws UncheckedIOException naming the file when it cannot be opened, or its chain does
     *     not verify (a trail that was tampered with is not appended to)
     */
    @Override
    public AuditSink create(ProviderConfig config) {
        Set<String> unknown = new TreeSet<>(config.settings().keySet());
        unknown.remove(FILE);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("audit sink '" + NAME + "' has no"
                    + " setting(s) " + unknown + "; its only setting is '" + FILE + "'");
        }

        String value = config.require(FILE);
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("setting '" + FILE + "' of audit sink '"
                    + NAME + "' must be a file path, but was '" + value + "'", e);
        }

        try {
            return new FileAuditSink(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FileAuditSinkProvider[" + NAME + "]";
    }
}
