package org.callrec.spi.audit;

import java.io.IOException;

/**
 * Thrown when an audit entry could not be written durably. Whatever the entry was to record
 * must not take effect: access is refused, a disposal does not proceed.
 */
public class AuditWriteException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public AuditWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
