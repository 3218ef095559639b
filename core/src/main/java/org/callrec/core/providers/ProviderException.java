package org.callrec.core.providers;

/**
 * Thrown when providers cannot be found or chosen: a duplicate name, an unknown name, or a
 * provider that fails to instantiate. The message names what was found.
 */
public class ProviderException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ProviderException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
