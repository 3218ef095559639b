package org.callrec.asterisk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;

/**
 * The adapter's settings, read once from the provider configuration and checked. Every
 * setting is documented on {@link AsteriskAdapter}.
 */
record AsteriskSettings(
        List<String> trunkChannelPrefixes,
        Path replayAudio,
        Path spoolDir,
        String noticeContext,
        String noticeExten,
        boolean acceptUnterminatedFinalLine,
        int maxLiveCalls) {

    static final String TRUNK_CHANNEL_PREFIXES = "trunk-channel-prefixes";
    static final String REPLAY_AUDIO = "replay-audio";
    static final String SPOOL_DIR = "spool-dir";
    static final String NOTICE_CONTEXT = "notice-context";
    static final String NOTICE_EXTEN = "notice-exten";
    static final String ACCEPT_UNTERMINATED_FINAL_LINE = "accept-unterminated-final-line";
    static final String MAX_LIVE_CALLS = "max-live-calls";

    static final Set<String> KNOWN = Set.of(TRUNK_CHANNEL_PREFIXES, REPLAY_AUDIO, SPOOL_DIR,
            NOTICE_CONTEXT, NOTICE_EXTEN, ACCEPT_UNTERMINATED_FINAL_LINE, MAX_LIVE_CALLS);

    static final String DEFAULT_TRUNK_PREFIX = "SIP/voipgrid-siproute";
    static final String DEFAULT_NOTICE_CONTEXT = "callrec-notice";
    static final int DEFAULT_MAX_LIVE_CALLS = 10_000;

    /**
     * Reads and checks the settings.
     *
     * @throws InvalidConfigurationException naming the setting, the value and the rule
     */
    static AsteriskSettings from(ProviderConfig config) {
        Set<String> unknown = new TreeSet<>(config.settings().keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("unknown Asterisk adapter setting(s) "
                    + unknown + "; known settings are " + new TreeSet<>(KNOWN));
        }

        return new AsteriskSettings(
                trunkPrefixes(config.get(TRUNK_CHANNEL_PREFIXES).orElse(DEFAULT_TRUNK_PREFIX)),
                config.get(REPLAY_AUDIO).map(Path::of).orElse(null),
                config.get(SPOOL_DIR).map(Path::of).orElse(null),
                dialplanName(config, NOTICE_CONTEXT, DEFAULT_NOTICE_CONTEXT),
                dialplanName(config, NOTICE_EXTEN, "s"),
                flag(config, ACCEPT_UNTERMINATED_FINAL_LINE),
                positive(config, MAX_LIVE_CALLS, DEFAULT_MAX_LIVE_CALLS));
    }

    /** Whether the adapter replays a capture rather than driving a live Asterisk. */
    boolean replay() {
        return replayAudio != null;
    }

    private static List<String> trunkPrefixes(String value) {
        List<String> prefixes = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                prefixes.add(part.strip());
            }
        }
        if (prefixes.isEmpty()) {
            throw new InvalidConfigurationException("setting '" + TRUNK_CHANNEL_PREFIXES
                    + "' was '" + value + "' but must list at least one channel name prefix,"
                    + " comma separated");
        }
        return prefixes;
    }

    private static String dialplanName(ProviderConfig config, String name, String fallback) {
        String value = config.get(name).orElse(fallback);
        if (!value.matches("[A-Za-z0-9_+*#.-]{1,80}")) {
            throw new InvalidConfigurationException("setting '" + name + "' was '" + value
                    + "' but must be 1 to 80 letters, digits or _+*#.- (a dialplan name that"
                    + " cannot break an AMI action line)");
        }
        return value;
    }

    private static boolean flag(ProviderConfig config, String name) {
        String value = config.get(name).orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidConfigurationException("setting '" + name + "' was '" + value
                    + "' but must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static int positive(ProviderConfig config, String name, int fallback) {
        String value = config.get(name).orElse(Integer.toString(fallback));
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below, which names the value.
        }
        throw new InvalidConfigurationException("setting '" + name + "' was '" + value
                + "' but must be a whole number above 0");
    }
}
