/**
 * Staff directories that ship with the core: {@link org.callrec.core.directory.FileStaffDirectory},
 * read from a YAML file, and its {@link java.util.ServiceLoader} entry
 * {@link org.callrec.core.directory.FileStaffDirectoryProvider}, named {@code file}.
 *
 * <p>The directory tells the engine who is staff, in which teams and with which roles, which is
 * what clauses 3.2 (listed teams), 3.3 (senior staff and HR), 4.1 (inside or outside) and 4.2
 * (authorised managers) turn on. A broken directory file is refused with every problem named at
 * once, as a broken policy file is. Addresses may be phone numbers, so they are never logged.
 */
package org.callrec.core.directory;
