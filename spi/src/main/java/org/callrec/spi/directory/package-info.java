/**
 * Who is who: the {@link org.callrec.spi.directory.StaffDirectory} contract that tells the engine
 * whether a party is staff, in which teams and with which roles (clauses 3.2, 3.3, 4.1 and 4.2).
 */
package org.callrec.spi.directory;
