package org.callrec.core.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffDirectoryProvider;
import org.junit.jupiter.api.Test;

/** Finding the file directory through {@link ServiceLoader}, and configuring it. */
class FileStaffDirectoryProviderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void isFoundByServiceLoaderUnderTheNameFile() {
        List<StaffDirectoryProvider> found = ServiceLoader.load(StaffDirectoryProvider.class)
                .stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("file"))
                .toList();

        assertEquals(1, found.size());
        assertInstanceOf(FileStaffDirectoryProvider.class, found.get(0));
    }

    @Test
    void createsTheDirectoryNamedByTheFileSetting() {
        String file = FileStaffDirectoryTest.SHIPPED.resolve("directory-hr.yaml").toString();
        ProviderConfig config = ProviderConfig.of(Map.of("file", file), CLOCK);

        StaffDirectory directory = new FileStaffDirectoryProvider().create(config);

        assertTrue(directory.find("203").orElseThrow().isInTeam("hr"));
    }

    @Test
    void refusesConfigurationWithoutTheFileSetting() {
        ProviderConfig config = ProviderConfig.of(Map.of("path", "x.yaml"), CLOCK);

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new FileStaffDirectoryProvider().create(config));

        assertTrue(e.getMessage().contains("setting 'file' is required"), e.getMessage());
        assertTrue(e.getMessage().contains("path"), e.getMessage());
    }

    @Test
    void reportsABrokenFileAsInvalidConfiguration() {
        String file = FileStaffDirectoryTest.BROKEN.resolve("duplicate-address.yaml").toString();
        ProviderConfig config = ProviderConfig.of(Map.of("file", file), CLOCK);

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new FileStaffDirectoryProvider().create(config));

        assertInstanceOf(DirectoryFileException.class, e);
        assertTrue(e.getMessage().contains("duplicate-address.yaml"), e.getMessage());
    }
}
