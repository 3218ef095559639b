package org.callrec.spi.audit;

import org.callrec.spi.ProviderConfig;

/**
 * The {@link java.util.ServiceLoader} entry for an audit sink. Declare implementations in
 * {@code META-INF/services/org.callrec.spi.audit.AuditSinkProvider}.
 */
public interface AuditSinkProvider {
    /** Returns the stable name this sink is chosen by, such as {@code file}. */
    String name();

    /**
     * Creates a sink from validated configuration.
     *
     * @throws org.callrec.spi.InvalidConfigurationException when the configuration is unusable
     */
    AuditSink create(ProviderConfig config);
}
