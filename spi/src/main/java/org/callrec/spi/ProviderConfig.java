package org.callrec.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings handed to a provider's factory method: plain string settings, plus the clock that
 * every component must use instead of the wall clock.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ProviderConfig {
    private final Map<String, String> settings;
    private final Clock clock;

    private ProviderConfig(Map<String, String> settings, Clock clock) {
        this.settings = Map.copyOf(settings);
        this.clock = clock;
    }

    /**
     * Returns a configuration with the given settings and clock.
     *
     * @param settings setting names to values; neither may be null
     * @param clock the clock components read time from; never null
     * @return the configuration, never null
     */
    public static ProviderConfig of(Map<String, String> settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new ProviderConfig(settings, clock);
    }

    /** Returns the clock that components read time from; never null. */
    public Clock clock() {
        return clock;
    }

    /** Returns the value of a setting, or empty when it is not set. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /**
     * Returns the value of a setting that must be present.
     *
     * @throws InvalidConfigurationException naming the setting when it is missing or blank
     */
    public String require(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(
                    "setting '" + name + "' is required but was not given; given: "
                            + new TreeMap<>(settings).keySet());
        }
        return value;
    }

    /**
     * Returns a setting that must be present, read as a path.
     *
     * @throws InvalidConfigurationException naming the setting when it is missing or blank
     */
    public Path requirePath(String name) {
        return Path.of(require(name));
    }

    /** Returns a copy of all settings, sorted by name. */
    public Map<String, String> settings() {
        return new TreeMap<>(settings);
    }

    @Override
    public String toString() {
        return "ProviderConfig" + new TreeMap<>(settings).keySet();
    }
}
