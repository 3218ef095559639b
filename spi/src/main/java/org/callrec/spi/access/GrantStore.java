package org.callrec.spi.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keeps grants. Each method is atomic, and what it changed is visible to every reader when it
 * returns: a revocation must never be served stale by the store itself. Implementations are safe
 * for use from many threads, decide nothing about access, and never delete a grant (a revoked or
 * expired grant stays as the record of what was allowed).
 */
public interface GrantStore extends AutoCloseable {
    /**
     * Adds a grant.
     *
     * @throws IllegalStateException naming the id when a grant with that id exists
     */
    void add(Grant grant);

    /** Returns a grant by id, revoked or not, or empty when none has that id. */
    Optional<Grant> find(String grantId);

    /** Returns every grant to a member of staff, revoked and expired ones too, oldest first. */
    List<Grant> grantsOf(String staffId);

    /** Returns every grant, oldest first. */
    List<Grant> grants();

    /**
     * Revokes a grant. Revoking a revoked grant changes nothing and returns it as it is.
     *
     * @return the grant as revoked, or empty when none has that id
     */
    Optional<Grant> revoke(String grantId, Instant at);

    /**
     * Returns a number that changes whenever any grant of this store is added or revoked, by
     * anyone, so that a reader holding grants read earlier can tell without a query that they are
     * still what the store holds. A store may answer only when every change to its grants is made
     * in this process (an embedded database one process owns); the number then changes before
     * {@link #add} or {@link #revoke} returns. A store that other processes can change answers
     * empty, and its grants are read again before they are relied on.
     *
     * <p>Reading it must be cheap (no query): it is read on every access check.
     *
     * @return the current revision, or empty when the store cannot tell; empty by default
     */
    default OptionalLong revision() {
        return OptionalLong.empty();
    }

    /** Releases resources. */
    @Override
    void close();
}
