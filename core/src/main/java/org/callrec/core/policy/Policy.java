package org.callrec.core.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A whole call recording policy, as loaded from a policy file. Immutable and safe to share.
 *
 * @param organisation the organisation the policy belongs to
 * @param version the policy's version, cited by every decision and recording
 * @param issued the date the policy was issued
 * @param reviewBy the date by which the policy must be reviewed; past it the policy still
 *     applies, with a warning
 * @param timeZone the zone in which the policy's calendar dates and deadlines are read
 * @param lawfulBasis the lawful basis recordings rest on (clause 5.1)
 * @param recordableCalls which calls may be recorded (clauses 3.2 and 4.1)
 * @param stopRecording who stops recording by joining a call (clause 3.3)
 * @param notice how callers must be told (clause 4.3)
 * @param sensitiveInformation what happens when sensitive information comes up (clause 4.4)
 * @param objection what happens when a caller objects (clause 4.4)
 * @param retention how long recordings are kept (clause 4.2)
 * @param access who may retrieve recordings (clauses 4.2 and 5.3)
 * @param purposes the purposes recordings may be used for (clauses 1, 3.1 and 5.3)
 * @param statements dated statements that are not executed (general notices of 4.3,
 *     legislation of 5.2)
 */
public record Policy(
        @NotBlank String organisation,
        @NotBlank String version,
        @NotNull LocalDate issued,
        @NotNull LocalDate reviewBy,
        @NotNull ZoneId timeZone,
        @NotNull @Valid LawfulBasisRule lawfulBasis,
        @NotNull @Valid RecordableCallsRule recordableCalls,
        @NotNull @Valid StopRecordingRule stopRecording,
        @NotNull @Valid NoticeRule notice,
        @NotNull @Valid SensitiveInformationRule sensitiveInformation,
        @NotNull @Valid ObjectionRule objection,
        @NotNull @Valid RetentionRule retention,
        @NotNull @Valid AccessRule access,
        @NotEmpty List<@NotNull @Valid Purpose> purposes,
        List<@NotNull @Valid Statement> statements) {

    /** Creates a policy, copying the lists. */
    public Policy {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        statements = statements == null ? List.of() : List.copyOf(statements);
    }

    /** Returns whether the policy's review date has passed on the given clock's date. */
    public boolean isPastReview(Clock clock) {
        return LocalDate.now(clock.withZone(timeZone)).isAfter(reviewBy);
    }

    /**
     * Returns the dated statements that are out of date on the given date (clause 4.3 asks for
     * the general notices to be kept up; the tool reports those that are not).
     *
     * @param today the date in the policy's time zone
     * @return the out-of-date statements in the order the policy lists them; never null
     */
    public List<Statement> outOfDateStatements(LocalDate today) {
        return statements.stream().filter(s -> s.isOutOfDate(today)).toList();
    }

    /** Returns the purpose with the given id, or empty. */
    public Optional<Purpose> purpose(String id) {
        return purposes.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
