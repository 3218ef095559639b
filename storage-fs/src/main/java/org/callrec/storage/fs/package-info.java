/**
 * The embedded default storage backend: encrypted recordings as files under one root directory
 * on a local disk.
 *
 * <p>{@link org.callrec.storage.fs.FileSystemStorageProvider} is the
 * {@link java.util.ServiceLoader} entry (name {@code fs}, setting {@code root});
 * {@link org.callrec.storage.fs.FileSystemStorageBackend} does the work. A write lands in a
 * temporary file under {@code <root>/.pending/}, is forced to disk, and is then published under
 * its key with a hard link, which fails instead of replacing an object that already exists. A
 * crash at any instant leaves either nothing or the whole object visible.
 */
package org.callrec.storage.fs;
