package org.callrec.catalogue.jdbc;

/**
 * Thrown when the catalogue's database cannot be reached or refuses a statement, so that an
 * operation could not be committed. Nothing of the operation is stored when it is thrown.
 *
 * <p>The message names the operation and the ids involved, never a number or an address.
 */
public final class CatalogueStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what failed and the database's error. */
    public CatalogueStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
