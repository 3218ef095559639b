package org.callrec.core.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.access.GrantStore;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, revokes and finds grants (clause 4.2), with a bounded Caffeine cache of each staff
 * member's grants in front of the {@link GrantStore}.
 *
 * <p>A revocation takes effect at once, however it was made, in one of two ways chosen by the
 * store. When the store tells its {@linkplain GrantStore#revision() revision} (it is the only
 * writer of its grants, as an embedded database one process owns is), each cached entry carries
 * the revision it was read at, and an entry whose revision is no longer the store's is read
 * again before it is relied on: a check on a warm cache then makes no query at all. When the
 * store cannot tell (other processes may change it), the cache only narrows the search, and a
 * grant found in it is read again from the store by id before it is relied on. Either way a
 * revocation made here also invalidates the cache entry. A grant added by another process is
 * seen when its staff member's entry expires, which refuses too much for a while but never allows
 * too much.
 *
 * <p>Issuing and revoking are written to the audit trail. Safe for use from many threads.
 */
public final class Grants {
    /** How long a staff member's grants stay cached, unless invalidated sooner. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(1);

    /** How many staff members' grants the cache holds at most. */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Grants.class);
    private static final long NO_REVISION = -1;

    private final Policy policy;
    private final GrantStore store;
    private final AuditSink audit;
    private final Clock clock;
    private final Cache<String, StaffGrants> byStaff;
    private final SecureRandom random = new SecureRandom();

    /** Creates the grants over a store with the default cache bounds. */
    public Grants(Policy policy, GrantStore store, AuditSink audit, Clock clock) {
        this(policy, store, audit, clock, DEFAULT_EXPIRY, DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * Creates the grants over a store.
     *
     * @param policy the policy whose purposes grants are checked against; never null
     * @param store where grants are kept; never null
     * @param audit the trail issuing and revoking are written to; never null
     * @param clock the source of every instant; also drives the cache's expiry; never null
     * @param expiry how long a staff member's grants stay cached; positive
     * @param maximumSize how many staff members' grants are cached at most; positive
     */
    public Grants(Policy policy, GrantStore store, AuditSink audit, Clock clock,
            Duration expiry, long maximumSize) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.byStaff = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expiry)
                .ticker(() -> nanosOf(clock.instant()))
                .build();
    }

    /**
     * Issues a grant, from now until an instant, after writing it to the audit trail.
     *
     * @param grantedBy the staff id or component issuing it
     * @param staffId the staff id it is granted to
     * @param purpose the id of a purpose in the policy that reads audio
     * @param scope which recordings it covers
     * @param target the recording id or call id of the scope, null for {@link GrantScope#ALL}
     * @param caseReference the case, required when the purpose needs one; otherwise may be null
     * @param validUntil when it stops covering, or null for open-ended
     * @return the grant as stored, never null
     * @throws IllegalArgumentException naming the value and the rule when a value is invalid
     * @throws AuditWriteException when the trail cannot record it; then nothing is granted
     */
    public Grant issue(String grantedBy, String staffId, String purpose, GrantScope scope,
            String target, String caseReference, Instant validUntil) throws AuditWriteException {
        Purpose known = policy.purpose(purpose).orElseThrow(() -> new IllegalArgumentException(
                "purpose '" + purpose + "' is not one of the policy's purposes "
                        + policy.purposes().stream().map(Purpose::id).toList()));
        if (known.use() == PurposeUse.FIGURES_ONLY) {
            throw new IllegalArgumentException("purpose '" + purpose + "' uses figures only,"
                    + " never audio (clause 5.3), so no grant to read recordings is issued");
        }
        if (known.caseReferenceRequired() && caseReference == null) {
            throw new IllegalArgumentException("purpose '" + purpose + "' needs a case"
                    + " reference (clause " + known.clause() + "), so its grant must name one");
        }

        Grant grant = new Grant(newGrantId(), staffId, purpose, scope, target, caseReference,
                clock.instant(), validUntil, grantedBy, null);
        audit.append(new AuditEntry(clock.instant(), "grant-issued", grantedBy,
                scope == GrantScope.RECORDING ? target : null, describe(grant)));
        store.add(grant);
        byStaff.invalidate(staffId);

        LOG.info("Grant {} issued to {} for purpose {} ({} {})", grant.grantId(), staffId,
                purpose, scope, target == null ? "" : target);
        return grant;
    }

    /**
     * Revokes a grant at once: no access after this returns relies on it, cached or not. The
     * revocation takes effect before it is written to the audit trail, because a revocation that
     * waited on the trail would leave access open.
     *
     * @param revokedBy the staff id or component revoking it
     * @param grantId the grant's id
     * @return the grant as revoked, never null
     * @throws IllegalArgumentException naming the id when no grant has it
     * @throws AuditWriteException when the trail cannot record it; the grant stays revoked
     */
    public Grant revoke(String revokedBy, String grantId) throws AuditWriteException {
        Grant.requireIdentifier("grant id", grantId);
        Grant revoked = store.revoke(grantId, clock.instant()).orElseThrow(() ->
                new IllegalArgumentException("grant '" + grantId + "' does not exist"));
        byStaff.invalidate(revoked.staffId());

        audit.append(new AuditEntry(clock.instant(), "grant-revoked", revokedBy,
                null, Map.of("grant", grantId, "staff", revoked.staffId())));
        LOG.info("Grant {} of {} revoked", grantId, revoked.staffId());
        return revoked;
    }

    /** Returns every grant, revoked and expired ones too, oldest first. */
    public List<Grant> all() {
        return store.grants();
    }

    /**
     * Finds a grant that stands now and covers a requester's access for a purpose and case to a
     * recording of a call. A grant naming a case covers only that case.
     *
     * @return the covering grant as the store holds it now, or empty
     */
    public Optional<Grant> covering(String staffId, String purpose, String caseReference,
            String recordingId, String callId) {
        Instant now = clock.instant();
        OptionalLong revision = store.revision();
        if (revision.isEmpty()) {
            return coveringReadAgain(staffId, purpose, caseReference, recordingId, callId, now);
        }

        StaffGrants cached = byStaff.getIfPresent(staffId);
        if (cached == null || cached.revision() != revision.getAsLong()) {
            // The revision is read before the grants, so a change racing the read leaves the
            // entry marked older than it is and read again, never marked newer.
            cached = new StaffGrants(revision.getAsLong(), store.grantsOf(staffId));
            byStaff.put(staffId, cached);
        }
        for (Grant grant : cached.grants()) {
            if (covers(grant, staffId, purpose, caseReference, recordingId, callId, now)) {
                return Optional.of(grant);
            }
        }
        return Optional.empty();
    }

    /** Finds a covering grant for a store that cannot tell its revision: each is read again. */
    private Optional<Grant> coveringReadAgain(String staffId, String purpose,
            String caseReference, String recordingId, String callId, Instant now) {
        // Limitation: a store other processes can change (PostgreSQL) tells no revision, so each
        // check on it reads the grant from the database; only an owned store checks query-free.
        StaffGrants cached = byStaff.get(staffId,
                id -> new StaffGrants(NO_REVISION, store.grantsOf(id)));
        for (Grant grant : cached.grants()) {
            if (!covers(grant, staffId, purpose, caseReference, recordingId, callId, now)) {
                continue;
            }
            Optional<Grant> current = store.find(grant.grantId());
            if (current.isPresent() && covers(current.get(), staffId, purpose, caseReference,
                    recordingId, callId, now)) {
                return current;
            }
            // The store changed behind the cache (a revocation elsewhere): drop what is stale.
            byStaff.invalidate(staffId);
        }
        return Optional.empty();
    }

    private static boolean covers(Grant grant, String staffId, String purpose,
            String caseReference, String recordingId, String callId, Instant now) {
        return grant.staffId().equals(staffId)
                && grant.purpose().equals(purpose)
                && (grant.caseReference() == null
                        || grant.caseReference().equals(caseReference))
                && grant.isValidAt(now)
                && grant.covers(recordingId, callId);
    }

    private static Map<String, String> describe(Grant grant) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("grant", grant.grantId());
        details.put("staff", grant.staffId());
        details.put("purpose", grant.purpose());
        details.put("scope", grant.scope().name().toLowerCase(java.util.Locale.ROOT));
        if (grant.target() != null) {
            details.put("target", grant.target());
        }
        if (grant.caseReference() != null) {
            details.put("case", grant.caseReference());
        }
        details.put("from", grant.validFrom().toString());
        if (grant.validUntil() != null) {
            details.put("until", grant.validUntil().toString());
        }
        return details;
    }

    private String newGrantId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return "grant-" + HexFormat.of().formatHex(id);
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** One staff member's grants as the store held them at a revision. */
    private record StaffGrants(long revision, List<Grant> grants) {}
}
