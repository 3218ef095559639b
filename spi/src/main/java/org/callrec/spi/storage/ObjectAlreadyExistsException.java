package org.callrec.spi.storage;

import java.io.IOException;

/** Thrown when a write would replace an object that already exists; stored objects are final. */
public class ObjectAlreadyExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for the key that already exists. */
    public ObjectAlreadyExistsException(ObjectKey key) {
        super("object '" + key + "' already exists and stored objects are never overwritten");
    }
}
