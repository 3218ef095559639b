package org.callrec.spi.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A hold that keeps a recording past its retention deadline (clause 4.4): why, under which case,
 * until when it must be reviewed, and who placed and released it.
 *
 * @param holdId the hold's id; never null
 * @param recordingId the recording held; never null
 * @param kind complaint, investigation or legal; never null
 * @param reason why the recording is held, free text; never null or blank
 * @param caseReference the case the hold belongs to; never null or blank
 * @param reviewBy the date by which the hold must be reviewed; never null
 * @param placedBy the staff id who placed it; never null
 * @param placedAt when it was placed; never null
 * @param releasedBy the staff id who released it, or null while it is active
 * @param releasedAt when it was released, or null while it is active
 */
public record Hold(
        String holdId,
        String recordingId,
        HoldKind kind,
        String reason,
        String caseReference,
        LocalDate reviewBy,
        String placedBy,
        Instant placedAt,
        String releasedBy,
        Instant releasedAt) {

    /** Creates a hold record, checking that required fields are present. */
    public Hold {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(kind, "kind");
        requireText(reason, "reason");
        requireText(caseReference, "caseReference");
        Objects.requireNonNull(reviewBy, "reviewBy");
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
        if ((releasedBy == null) != (releasedAt == null)) {
            throw new IllegalArgumentException("hold " + holdId
                    + ": released-by and released-at are given together or not at all");
        }
    }

    /** Returns whether the hold is still in force (not released). */
    public boolean isActive() {
        return releasedAt == null;
    }

    /** Returns whether an active hold's review date is before the given date. */
    public boolean isPastReview(LocalDate today) {
        return isActive() && reviewBy.isBefore(today);
    }

    /** Returns this hold released by a staff member at an instant. */
    public Hold releasedBy(String staffId, Instant at) {
        return new Hold(holdId, recordingId, kind, reason, caseReference, reviewBy, placedBy,
                placedAt, Objects.requireNonNull(staffId, "staffId"),
                Objects.requireNonNull(at, "at"));
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a hold's " + name + " must not be blank");
        }
    }

    /** Leaves the free-text reason out: it may name a person. */
    @Override
    public String toString() {
        return "Hold[" + holdId + ", " + recordingId + ", " + kind + ", case " + caseReference
                + ", review by " + reviewBy + (isActive() ? ", active" : ", released") + "]";
    }
}
