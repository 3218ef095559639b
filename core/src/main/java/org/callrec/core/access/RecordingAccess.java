package org.callrec.core.access;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * <p>The audio streams: the returned stream decrypts segment by segment as it is read, so a
 * recording of any size is never held in memory. Safe for use from many threads.
 */
public final class RecordingAccess {
    /** The flag a call carries when it involves a child (clause 5.1). */
    public static final String CHILD_FLAG = "child";

    private static final Logger LOG = LoggerFactory.getLogger(RecordingAccess.class);
    private static final Pattern RECORDING_ID = Pattern.compile("rec-[0-9a-f]{32}");
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
        Objects.requireNonNull(request, "request");
        Allowed allowed;
        try {
            allowed = decide(request);
        } catch (AccessRefusedException refused) {
            recordRefusal(request, refused);
            throw refused;
        }

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
        Objects.requireNonNull(request, "request");
        try {
            decide(request);
        } catch (AccessRefusedException refused) {
            recordRefusal(request, refused);
            throw refused;
        }
    }

    private Allowed decide(AccessRequest request) throws AccessRefusedException {
        AccessRule rule = policy.access();
        requireWellFormed(request, rule);

        Purpose purpose = purposeOf(request, rule);
        StaffMember member = authorisedMember(request, rule);

        RecordingEntry recording = catalogue.findRecording(request.recordingId())
                .orElseThrow(() -> refused(RefusalRule.UNKNOWN_RECORDING, rule.clause(),
                        "recording " + request.recordingId() + " is not in the catalogue"));
        requireChildRole(member, recording, rule);

        if (!rule.grantRequired()) {
            return new Allowed(purpose, recording.callId(), null);
        }
        Grant grant = grants.covering(member.staffId(), purpose.id(),
                request.caseReference(), recording.recordingId(), recording.callId())
                .orElseThrow(() -> refused(RefusalRule.NO_GRANT, rule.clause(), "staff "
                        + member.staffId() + " holds no standing grant for purpose "
                        + purpose.id() + (request.caseReference() == null ? ""
                                : ", case " + request.caseReference())
                        + " that covers recording " + request.recordingId()));
        return new Allowed(purpose, recording.callId(), grant.grantId());
    }

    private static void requireWellFormed(AccessRequest request, AccessRule rule)
            throws AccessRefusedException {
        requireIdentifier("staff id", request.staffId(), rule);
        requireIdentifier("purpose", request.purpose(), rule);
        if (request.caseReference() != null) {
            requireIdentifier("case reference", request.caseReference(), rule);
        }
        if (!RECORDING_ID.matcher(request.recordingId()).matches()) {
            throw refused(RefusalRule.MALFORMED_REQUEST, rule.clause(), "recording id '"
                    + shown(request.recordingId()) + "' is not 'rec-' followed by 32"
                    + " lower-case hexadecimal digits");
        }
    }

    private static void requireIdentifier(String what, String value, AccessRule rule)
            throws AccessRefusedException {
        if (!Grant.IDENTIFIER.matcher(value).matches()) {
            throw refused(RefusalRule.MALFORMED_REQUEST, rule.clause(), what + " '"
                    + shown(value) + "' is not 1 to 64 letters, digits, '.', '_', ':', '/' or"
                    + " '-' starting with a letter or digit");
        }
    }

    private Purpose purposeOf(AccessRequest request, AccessRule rule)
            throws AccessRefusedException {
        Purpose purpose = policy.purpose(request.purpose()).orElseThrow(() -> refused(
                RefusalRule.UNKNOWN_PURPOSE, PURPOSE_CLAUSE, "purpose '" + request.purpose()
                        + "' is not one of the policy's purposes "
                        + policy.purposes().stream().map(Purpose::id).toList()));
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

    private void requireChildRole(StaffMember member, RecordingEntry recording, AccessRule rule)
            throws AccessRefusedException {
        if (rule.childRoles().isEmpty() || holdsAny(member, rule.childRoles())) {
            return;
        }
        Optional<CallRecord> call = catalogue.findCall(recording.callId());
        if (call.isEmpty()) {
            throw refused(RefusalRule.CHILD_ROLE_REQUIRED, CHILD_CLAUSE, "call "
                    + recording.callId() + " is not catalogued, so it cannot be shown not to"
                    + " involve a child, and staff " + member.staffId() + " holds none of the"
                    + " child roles " + rule.childRoles());
        }
        if (call.get().flags().contains(CHILD_FLAG)) {
            throw refused(RefusalRule.CHILD_ROLE_REQUIRED, CHILD_CLAUSE, "call "
                    + recording.callId() + " involves a child and staff " + member.staffId()
                    + " holds none of the child roles " + rule.childRoles());
        }
    }

    private static boolean holdsAny(StaffMember member, Set<String> roles) {
        return roles.stream().anyMatch(member::hasRole);
    }

    private void recordGranted(AccessRequest request, Allowed allowed)
            throws AccessRefusedException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("purpose", allowed.purpose().id());
        details.put("use", allowed.purpose().use().name().toLowerCase(java.util.Locale.ROOT));
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
                request.staffId(), request.recordingId(), allowed.purpose().id(),
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

    /** What an allowed access rests on. */
    private record Allowed(Purpose purpose, String callId, String grantId) {}
}
