package org.callrec.spi.directory;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for a staff directory. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.directory.StaffDirectoryProvider}.
 */
public interface StaffDirectoryProvider {
    /** Returns the stable name this directory is chosen by, such as {@code file}. */
    String name();

    /**
     * Creates a directory from validated configuration.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     */
    StaffDirectory create(ProviderConfig config);
}
