/**
 * Purpose-bound access to recordings (clauses 4.2, 5.1 and 5.3). Every read of audio goes
 * through {@link org.callrec.core.access.RecordingAccess#open}: an
 * {@link org.callrec.core.access.AccessRequest} says who asks, for which purpose and case, for
 * which recording, to play or to download. The access is refused with an
 * {@link org.callrec.core.access.AccessRefusedException} naming the
 * {@link org.callrec.core.access.RefusalRule} unless the requester holds an authorised role and
 * (unless the policy says the role suffices) a grant covers it; the decision is written to the
 * audit trail before a byte is returned, and no audit means no access.
 * {@link org.callrec.core.access.RecordingAccess#check} makes the decision alone, on a warm cache
 * without a query, and returns the {@link org.callrec.core.access.Authorisation} it rests on.
 * {@link org.callrec.core.access.Grants} issues, revokes and finds grants, with a bounded cache in
 * front of the {@link org.callrec.spi.access.GrantStore} that never lets a revoked grant through:
 * it relies on the store's revision when the store can tell it, and reads each grant again when
 * it cannot.
 */
package org.callrec.core.access;
