/**
 * Grants to read recordings (clauses 4.2 and 5.3): a {@link org.callrec.spi.access.Grant} lets
 * one member of staff read some recordings for one purpose, for a time, until revoked; a
 * {@link org.callrec.spi.access.GrantStore} keeps them, found through
 * {@link org.callrec.spi.access.GrantStoreProvider}. Whether a grant, together with the
 * requester's role, allows an access is decided in core, never by a store.
 */
package org.callrec.spi.access;
