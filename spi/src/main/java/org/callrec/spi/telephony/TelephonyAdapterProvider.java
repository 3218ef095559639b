package org.callrec.spi.telephony;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for a telephony adapter. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.telephony.TelephonyAdapterProvider}.
 */
public interface TelephonyAdapterProvider {
    /** Returns the stable name this adapter is chosen by, such as {@code asterisk}. */
    String name();

    /**
     * Creates an adapter from validated configuration.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     */
    TelephonyAdapter create(ProviderConfig config);
}
