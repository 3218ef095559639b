/**
 * Where encrypted recordings live: the {@link org.callrec.spi.storage.StorageBackend} contract,
 * its {@link java.util.ServiceLoader} entry and the validated
 * {@link org.callrec.spi.storage.ObjectKey}.
 *
 * <p>A backend only ever sees ciphertext; encryption happens in the core before bytes reach it.
 */
package org.callrec.spi.storage;
