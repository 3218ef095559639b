package org.callrec.asterisk;

import org.callrec.spi.ProviderConfig;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.callrec.spi.telephony.TelephonyAdapterProvider;

/**
 * The {@link java.util.ServiceLoader} entry of the Asterisk adapter, named {@code asterisk}.
 * Embedders that do not use discovery create it directly:
 * {@code new AsteriskAdapterProvider().create(config)}.
 */
public final class AsteriskAdapterProvider implements TelephonyAdapterProvider {
    /** The name this adapter is chosen by. */
    public static final String NAME = "asterisk";

    /** Creates the provider; ServiceLoader calls this. */
    public AsteriskAdapterProvider() {
        // Nothing to set up: all state lives in the adapters it creates.
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates an adapter from the settings documented on {@link AsteriskAdapter}.
     *
     * @throws org.callrec.spi.InvalidConfigurationException naming the setting, its value and
     *     the rule, for an unknown setting or an unusable value
     */
    @Override
    public TelephonyAdapter create(ProviderConfig config) {
        return new AsteriskAdapter(AsteriskSettings.from(config));
    }
}
