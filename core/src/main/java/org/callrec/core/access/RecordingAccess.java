package org.callrec.core.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.callrec.core.policy.AccessRule;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.access.Grant;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to read a recording's audio (clauses 4.2, 5.1 and 5.3). An access is allowed only
 * when, in this order:
 * <ol>
 *   <li>every identifier in the request has the allowed form (no path, no control character);
 *   <li>the purpose is one the policy lists, and it reads audio (not figures only);
 *   <li>a case reference is given where the purpose needs one;
 *   <li>the requester is in the staff directory under that very staff id, and holds one of the
 *       roles the policy authorises;
 *   <li>the recording is catalogued;
 *   <li>where the policy sets child roles, a call flagged {@code child} (or whose record is
 *       missing, so that it cannot be shown not to be) is read only by a holder of one of them;
 *   <li>unless the policy says the role suffices, a standing grant covers this requester,
 *       purpose, case and recording.
 * </ol>
 *
 * <p>The decision is written to the audit trail before the recording is opened. An access that
 * the trail cannot record does not happen; a refusal is recorded too, and the refusal stands
 * even if that record fails. Every refusal is an {@link AccessRefusedException} naming the rule
 * and clause.
 *
 * <p>{@link #check} makes the decision alone and is the first step of {@link #open}. On a warm
 * cache it makes no query: the staff directory and the policy are in memory, the call a
 * recording belongs to is cached (it never changes), and {@link Grants} knows without a query
 * whether its cached grants are still the store's when the store can tell. A recording disposed
 * of after it was cached may still be decided allowed by {@link #check}; {@link #open} reads the
 * catalogue again before it records the access, and refuses it as unknown.
 *
 * <p>The audio streams: the returned stream decrypts segment by segment as it is read, so a
 * recording of any size is never held in memory. Safe for use from many threads.
 */
public final class RecordingAccess {
    /** The flag a call carries when it involves a child (clause 5.1). */
    public static final String CHILD_FLAG = "child";

    private static final Logger LOG = LoggerFactory.getLogger(RecordingAccess.class);
    /** How many recordings' calls are cached at most. */
    private static final long RECORDINGS_CACHED = 10_000;
    private static final String MALFORMED = "malformed";
    private static final String PURPOSE_CLAUSE = "5.3";
    private static final String CHILD_CLAUSE = "5.1";

    private final Policy policy;
    private final StaffDirectory staff;
    private final Catalogue catalogue;
    private final RecordingVault vault;
    private final Grants grants;
    private final AuditSink audit;
    private final Clock clock;
    private final Cache<String, String> callOfRecording;

    /**
     * Creates the access point; it opens or closes none of its collaborators.
     *
     * @param policy the policy whose purposes and access rule apply; never null
     * @param staff who holds which role; never null
     * @param catalogue where recordings and their calls are looked up; never null
     * @param vault where recordings are opened; never null
     * @param grants the grants an access may rely on; never null
     * @param audit the trail every decision is written to; never null
     * @param clock the source of every instant; never null
     */
    public RecordingAccess(Policy policy, StaffDirectory staff, Catalogue catalogue,
            RecordingVault vault, Grants grants, AuditSink audit, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        // No expiry: a recording's call never changes, and open confirms it is still catalogued.
        this.callOfRecording = Caffeine.newBuilder().maximumSize(RECORDINGS_CACHED).build();
    }

    /**
     * Decides an access and, when it is allowed, records it and opens the recording. The caller
     * closes the stream.
     *
     * @param request who asks, why, for what, and how; never null
     * @return the decrypting stream of the recording's audio, never null
     * @throws AccessRefusedException naming the rule and clause when the access is refused,
     *     including when the audit trail cannot record it; nothing of the recording is returned
     * @throws IOException when the access was allowed and recorded but the recording could not
     *     be opened (its key destroyed, its object missing or altered, storage unreadable)
     */
    public InputStream open(AccessRequest request) throws AccessRefusedException, IOException {
        Authorisation allowed = check(request);

        requireStillCatalogued(request);
        recordGranted(request, allowed);
        try {
            return vault.open(request.recordingId());
        } catch (IOException | RuntimeException failed) {
            recordOpenFailure(request, failed);
            throw failed;
        }
    }

    /**
     * Decides an access by the same rules as {@link #open}, without opening the recording and
     * without recording an allowed access, so that a caller reading several recordings can
     * refuse the lot before a byte of any of them is read. A refusal is written to the audit
     * trail as {@link #open} writes it. An allowed decision here allows nothing by itself: each
     * recording is still read through {@link #open}, which decides again and records it.
     *
     * @param request who asks, why, for what, and how; never null
     * @throws AccessRefusedException naming the rule and clause when the access would be refused
     */
    public void requireAllowed(AccessRequest request) throws AccessRefusedException {
        check(request);
    }

    /**
     * Decides an access by the rules above, without opening the recording and without recording
     * an allowed access; a refusal is written to the audit trail as {@link #open} writes it. This
     * is the decision {@link #open} makes first, and what {@link #requireAllowed} makes. An
     * authorisation allows nothing by itself: each recording is still read through {@link #open},
     * which decides again, confirms the recording is still catalogued and records the access.
     *
     * @param request who asks, why, for what, and how; never null
     * @return what the allowed access rests on, never null
     * @throws AccessRefusedException naming the rule and clause when the access is refused
     */
    public Authorisation check(AccessRequest request) throws AccessRefusedException {
        Objects.requireNonNull(request, "request");
        try {
            return decide(request);
        } catch (AccessRefusedException refused) {
            recordRefusal(request, refused);
            throw refused;
        }
    }

    private Authorisation decide(AccessRequest request) throws AccessRefusedException {
        AccessRule rule = policy.access();
        requireWellFormed(request, rule);

        Purpose purpose = purposeOf(request, rule);
        StaffMember member = authorisedMember(request, rule);

        String callId = callOf(request.recordingId(), rule);
        requireChildRole(member, callId, rule);

        if (!rule.grantRequired()) {
            return authorisation(request, purpose, callId, null);
        }
        Grant grant = grants.covering(member.staffId(), purpose.id(),
                request.caseReference(), request.recordingId(), callId)
                .orElseThrow(() -> refused(RefusalRule.NO_GRANT, rule.clause(), "staff "
                        + member.staffId() + " holds no standing grant for purpose "
                        + purpose.id() + (request.caseReference() == null ? ""
                                : ", case " + request.caseReference())
                        + " that covers recording " + request.recordingId()));
        return authorisation(request, purpose, callId, grant.grantId());
    }

    private static Authorisation authorisation(AccessRequest request, Purpose purpose,
            String callId, String grantId) {
        return new Authorisation(request.staffId(), purpose.id(), purpose.use(),
                request.caseReference(), request.recordingId(), callId, grantId);
    }

    /** Returns the call of a catalogued recording; only recordings found are cached. */
    private String callOf(String recordingId, AccessRule rule) throws AccessRefusedException {
        String cached = callOfRecording.getIfPresent(recordingId);
        if (cached != null) {
            return cached;
        }

        RecordingEntry recording = catalogue.findRecording(recordingId)
                .orElseThrow(() -> unknownRecording(recordingId, rule));
        callOfRecording.put(recordingId, recording.callId());
        return recording.callId();
    }

    /** Refuses, and forgets the recording, when it left the catalogue since it was cached. */
    private void requireStillCatalogued(AccessRequest request) throws AccessRefusedException {
        if (catalogue.findRecording(request.recordingId()).isPresent()) {
            return;
        }

        callOfRecording.invalidate(request.recordingId());
        AccessRefusedException refused = unknownRecording(request.recordingId(),
                policy.access());
        recordRefusal(request, refused);
        throw refused;
    }

    private static AccessRefusedException unknownRecording(String recordingId, AccessRule rule) {
        return refused(RefusalRule.UNKNOWN_RECORDING, rule.clause(), "recording " + recordingId
                + " is not in the catalogue");
    }

    private static void requireWellFormed(AccessRequest request, AccessRule rule)
            throws AccessRefusedException {
        requireIdentifier("staff id", request.staffId(), rule);
        requireIdentifier("purpose", request.purpose(), rule);
        if (request.caseReference() != null) {
            requireIdentifier("case reference", request.caseReference(), rule);
        }
        if (!IdentifierForm.isRecordingId(request.recordingId())) {
            throw refused(RefusalRule.MALFORMED_REQUEST, rule.clause(), "recording id '"
                    + shown(request.recordingId()) + "' is not 'rec-' followed by 32"
                    + " lower-case hexadecimal digits");
        }
    }

    private static void requireIdentifier(String what, String value, AccessRule rule)
            throws AccessRefusedException {
        if (!IdentifierForm.isIdentifier(value)) {
            throw refused(RefusalRule.MALFORMED_REQUEST, rule.clause(), what + " '"
                    + shown(value) + "' is not 1 to 64 letters, digits, '.', '_', ':', '/' or"
                    + " '-' starting with a letter or digit");
        }
    }

    private Purpose purposeOf(AccessRequest request, AccessRule rule)
            throws AccessRefusedException {
        Purpose purpose = listedPurpose(request.purpose());
        if (purpose == null) {
            throw refused(RefusalRule.UNKNOWN_PURPOSE, PURPOSE_CLAUSE, "purpose '"
                    + request.purpose() + "' is not one of the policy's purposes "
                    + policy.purposes().stream().map(Purpose::id).toList());
        }
        if (purpose.use() == PurposeUse.FIGURES_ONLY) {
            throw refused(RefusalRule.PURPOSE_USES_NO_AUDIO, PURPOSE_CLAUSE, "purpose '"
                    + purpose.id() + "' uses figures only and never reads audio");
        }
        if (purpose.caseReferenceRequired() && request.caseReference() == null) {
            throw refused(RefusalRule.CASE_REFERENCE_REQUIRED, purpose.clause(), "purpose '"
                    + purpose.id() + "' needs a case reference and none was given");
        }
        return purpose;
    }

    /** Returns the policy's purpose of an id, or null; a plain loop, as it runs on every check. */
    private Purpose listedPurpose(String id) {
        List<Purpose> purposes = policy.purposes();
        for (int i = 0; i < purposes.size(); i++) {
            if (purposes.get(i).id().equals(id)) {
                return purposes.get(i);
            }
        }
        return null;
    }

    private StaffMember authorisedMember(AccessRequest request, AccessRule rule)
            throws AccessRefusedException {
        // The directory also answers to extensions; only an exact staff id identifies a person.
        Optional<StaffMember> found = staff.find(request.staffId())
                .filter(member -> member.staffId().equals(request.staffId()));
        StaffMember member = found.orElseThrow(() -> refused(RefusalRule.NOT_STAFF,
                rule.clause(), "'" + request.staffId() + "' is not a staff id in the directory"));
        if (!holdsAny(member, rule.roles())) {
            throw refused(RefusalRule.ROLE_NOT_AUTHORISED, rule.clause(), "staff "
                    + member.staffId() + " holds none of the authorised roles " + rule.roles());
        }
        return member;
    }

    private void requireChildRole(StaffMember member, String callId, AccessRule rule)
            throws AccessRefusedException {
        if (rule.childRoles().isEmpty() || holdsAny(member, rule.childRoles())) {
            return;
        }
        // Limitation: not cached, as a call's record may be saved again with other flags, so
        // where the policy sets child roles a check by someone without one makes a query.
        Optional<CallRecord> call = catalogue.findCall(callId);
        if (call.isEmpty()) {
            throw refused(RefusalRule.CHILD_ROLE_REQUIRED, CHILD_CLAUSE, "call "
                    + callId + " is not catalogued, so it cannot be shown not to"
                    + " involve a child, and staff " + member.staffId() + " holds none of the"
                    + " child roles " + rule.childRoles());
        }
        if (call.get().flags().contains(CHILD_FLAG)) {
            throw refused(RefusalRule.CHILD_ROLE_REQUIRED, CHILD_CLAUSE, "call "
                    + callId + " involves a child and staff " + member.staffId()
                    + " holds none of the child roles " + rule.childRoles());
        }
    }

    private static boolean holdsAny(StaffMember member, Set<String> roles) {
        for (String role : roles) {
            if (member.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private void recordGranted(AccessRequest request, Authorisation allowed)
            throws AccessRefusedException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("purpose", allowed.purpose());
        details.put("use", allowed.use().name().toLowerCase(java.util.Locale.ROOT));
        if (request.caseReference() != null) {
            details.put("case", request.caseReference());
        }
        details.put("mode", request.mode().word());
        details.put("call", allowed.callId());
        details.put("grant", allowed.grantId() == null ? "role-suffices" : allowed.grantId());
        details.put("clause", policy.access().clause());
        try {
            audit.append(new AuditEntry(clock.instant(), AuditEntry.ACTION_ACCESS_GRANTED,
                    request.staffId(), request.recordingId(), details));
        } catch (AuditWriteException | RuntimeException failed) {
            LOG.error("Access of {} to recording {} refused: the audit trail could not record"
                    + " it", request.staffId(), request.recordingId(), failed);
            throw new AccessRefusedException(RefusalRule.AUDIT_UNAVAILABLE,
                    policy.access().clause(), "the audit trail could not record the access of"
                            + " staff " + request.staffId() + " to recording "
                            + request.recordingId() + ", so it does not happen", failed);
        }
        LOG.info("Access of {} to recording {} allowed for purpose {} ({}), grant {}",
                request.staffId(), request.recordingId(), allowed.purpose(),
                request.mode().word(), details.get("grant"));
    }

    private void recordRefusal(AccessRequest request, AccessRefusedException refused) {
        boolean wellFormed = refused.rule() != RefusalRule.MALFORMED_REQUEST;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule", refused.rule().code());
        details.put("clause", refused.clause());
        details.put("mode", request.mode().word());
        if (wellFormed) {
            details.put("purpose", request.purpose());
            if (request.caseReference() != null) {
                details.put("case", request.caseReference());
            }
        }
        // A malformed request is recorded without its values: they may be hostile or personal.
        String actor = wellFormed ? request.staffId() : MALFORMED;
        String recording = wellFormed ? request.recordingId() : null;
        try {
            audit.append(new AuditEntry(clock.instant(), AuditEntry.ACTION_ACCESS_REFUSED,
                    actor, recording, details));
        } catch (AuditWriteException | RuntimeException failed) {
            LOG.error("Refusal of an access to recording {} could not be written to the audit"
                    + " trail; the access stays refused", recording, failed);
            refused.addSuppressed(failed);
        }
        LOG.warn("Access of {} to recording {} refused by rule {} (clause {})", actor,
                recording, refused.rule().code(), refused.clause());
    }

    private void recordOpenFailure(AccessRequest request, Exception failed) {
        try {
            audit.append(new AuditEntry(clock.instant(), "access-failed", request.staffId(),
                    request.recordingId(), Map.of("mode", request.mode().word(),
                            "reason", failed.getClass().getSimpleName())));
        } catch (AuditWriteException | RuntimeException alsoFailed) {
            failed.addSuppressed(alsoFailed);
        }
        LOG.error("Recording {} could not be opened for {} after access was allowed",
                request.recordingId(), request.staffId(), failed);
    }

    private static AccessRefusedException refused(RefusalRule rule, String clause,
            String reason) {
        return new AccessRefusedException(rule, clause, reason, null);
    }

    /** Returns a value fit to quote: short, printable, never a path that could mislead. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
