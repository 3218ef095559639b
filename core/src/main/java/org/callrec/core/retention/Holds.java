package org.callrec.core.retention;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.HoldKind;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places and releases holds (clause 4.4, professional liability): a complaint, an investigation
 * or a legal claim keeps a recording past its deadline, with a reason, a case reference and a
 * review date. Only staff holding one of the policy's authorised roles (as the staff directory
 * says at that moment) may place or release one. Each change is written to the audit trail before
 * it is made; if the entry cannot be written, nothing changes.
 */
public final class Holds {
    private static final Logger LOG = LoggerFactory.getLogger(Holds.class);

    private final Catalogue catalogue;
    private final StaffDirectory staff;
    private final Set<String> authorisedRoles;
    private final AuditSink audit;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the holds desk.
     *
     * @param catalogue where holds are kept
     * @param staff says which roles a staff id holds
     * @param authorisedRoles the policy's authorised roles ({@code policy.access().roles()})
     * @param audit receives an entry before each change
     * @param clock the source of every instant
     * @param zone the policy's time zone, in which review dates are read
     */
    public Holds(Catalogue catalogue, StaffDirectory staff, Set<String> authorisedRoles,
            AuditSink audit, Clock clock, ZoneId zone) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.authorisedRoles = Set.copyOf(authorisedRoles);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Places a hold on a recording.
     *
     * @return the hold placed
     * @throws HoldNotAuthorisedException when the staff member holds no authorised role
     * @throws IllegalArgumentException naming the value and the rule when the recording is not
     *     catalogued, is already being disposed of, or the review date is in the past
     * @throws AuditWriteException when the audit entry cannot be written; no hold is placed
     */
    public Hold place(String staffId, String recordingId, HoldKind kind, String reason,
            String caseReference, LocalDate reviewBy) throws AuditWriteException {
        authorise(staffId, "place a hold on recording " + recordingId);
        RecordingEntry entry = catalogue.findRecording(recordingId).orElseThrow(() ->
                new IllegalArgumentException("recording '" + recordingId + "' is not"
                        + " catalogued (it may have been disposed of), so it cannot be held"));
        if (entry.wrappedKey() == null) {
            throw new IllegalArgumentException("recording " + recordingId + " is being disposed"
                    + " of (its data key is destroyed), so a hold can no longer keep it");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (reviewBy.isBefore(today)) {
            throw new IllegalArgumentException("review date " + reviewBy + " is before today ("
                    + today + "); a hold needs a review date to come (clause 4.4)");
        }

        Instant now = clock.instant();
        Hold hold = new Hold(newHoldId(), recordingId, kind, reason, caseReference, reviewBy,
                staffId, now, null, null);
        audit.append(new AuditEntry(now, AuditEntry.ACTION_HOLD_PLACED, staffId, recordingId,
                Map.of("hold", hold.holdId(),
                        "kind", kind.name().toLowerCase(java.util.Locale.ROOT),
                        "case", caseReference, "review-by", reviewBy.toString())));
        catalogue.placeHold(hold);
        LOG.info("Hold {} ({}) placed on recording {} by {}", hold.holdId(), kind, recordingId,
                staffId);
        return hold;
    }

    /**
     * Releases an active hold.
     *
     * @return the released hold
     * @throws HoldNotAuthorisedException when the staff member holds no authorised role
     * @throws IllegalArgumentException naming the hold when it is unknown or already released
     * @throws AuditWriteException when the audit entry cannot be written; the hold stays
     */
    public Hold release(String staffId, String holdId) throws AuditWriteException {
        authorise(staffId, "release hold " + holdId);
        Hold hold = catalogue.findHold(holdId).filter(Hold::isActive).orElseThrow(() ->
                new IllegalArgumentException("hold '" + holdId + "' is not an active hold"));

        Instant now = clock.instant();
        audit.append(new AuditEntry(now, AuditEntry.ACTION_HOLD_RELEASED, staffId,
                hold.recordingId(), Map.of("hold", holdId, "case", hold.caseReference())));
        Hold released = catalogue.releaseHold(holdId, staffId, now);
        LOG.info("Hold {} on recording {} released by {}", holdId, hold.recordingId(), staffId);
        return released;
    }

    /** Returns the active holds whose review date has passed, in the policy's time zone. */
    public List<Hold> overdue() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return catalogue.activeHolds().stream().filter(h -> h.isPastReview(today)).toList();
    }

    /** Returns every active hold. */
    public List<Hold> active() {
        return catalogue.activeHolds();
    }

    private void authorise(String staffId, String what) {
        Objects.requireNonNull(staffId, "staffId");
        boolean authorised = staff.find(staffId)
                .filter(member -> member.staffId().equals(staffId))
                .map(StaffMember::roles)
                .filter(roles -> roles.stream().anyMatch(authorisedRoles::contains))
                .isPresent();
        if (!authorised) {
            LOG.warn("Refused: staff {} may not {}", staffId, what);
            throw new HoldNotAuthorisedException(staffId, what, authorisedRoles);
        }
    }

    private String newHoldId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return "hold-" + HexFormat.of().formatHex(id);
    }
}
