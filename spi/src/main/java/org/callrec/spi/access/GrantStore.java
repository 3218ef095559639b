package org.callrec.spi.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** Releases resources. */
    @Override
    void close();
}
