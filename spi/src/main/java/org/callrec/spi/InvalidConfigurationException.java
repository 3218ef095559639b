package org.callrec.spi;

/**
 * Thrown when a provider is given configuration it cannot work with. The message names the
 * setting, the value where it is not secret, and the rule the value broke.
 */
public class InvalidConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the setting and the rule. */
    public InvalidConfigurationException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
