package org.callrec.core.directory;

import java.nio.file.Path;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffDirectoryProvider;

/**
 * The {@link java.util.ServiceLoader} entry for {@link FileStaffDirectory}, named {@code file}.
 * It takes one setting, {@code file}: the path of the directory's YAML file.
 */
public final class FileStaffDirectoryProvider implements StaffDirectoryProvider {

    /** The name this provider is chosen by. */
    public static final String NAME = "file";

    /** The setting that names the directory file. */
    public static final String FILE_SETTING = "file";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public FileStaffDirectoryProvider() {
    }

    /** Returns {@code file}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Reads the directory file named by the {@code file} setting.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the setting is missing
     * @throws DirectoryFileException listing every problem when the file cannot be used
     */
    @Override
    public StaffDirectory create(ProviderConfig config) {
        Path file = config.requirePath(FILE_SETTING);
        return FileStaffDirectory.load(file);
    }
}
