package org.callrec.storage.fs;

import java.io.IOException;
import org.callrec.spi.storage.ObjectKey;

/**
 * Thrown when a valid object key would reach a file outside the storage root, because a
 * directory on its way is a symbolic link or not a directory at all. The backend refuses to
 * follow it, so nothing outside the root is read, written or deleted.
 */
public class ObjectOutsideRootException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param key the key that was refused
     * @param offending the path on the way that broke the rule
     * @param why what is wrong with that path
     */
    public ObjectOutsideRootException(ObjectKey key, String offending, String why) {
        super("object key '" + key + "' refused: '" + offending + "' " + why
                + "; objects must stay inside the storage root, through real directories only");
    }
}
