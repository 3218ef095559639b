package org.callrec.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
    private final ProviderConfig config = ProviderConfig.of(
            Map.of("root", "/var/lib/callrec", "password", "s3cret"), Clock.systemUTC());

    @Test
    void namesAMissingSettingAndTheOnesGiven() {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> config.require("bucket"));

        assertTrue(error.getMessage().contains("'bucket' is required"), error.getMessage());
        assertTrue(error.getMessage().contains("[password, root]"), error.getMessage());
    }

    @Test
    void readsAPresentSetting() {
        assertEquals("/var/lib/callrec", config.require("root"));
        assertTrue(config.get("region").isEmpty());
    }

    @Test
    void neverPrintsSettingValues() {
        assertFalse(config.toString().contains("s3cret"), config.toString());
    }
}
