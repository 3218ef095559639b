package org.callrec.spi.call;

/**
 * The kinds of neutral call event. Which fields of {@link CallEvent} each kind uses is stated on
 * the constant; the others are null.
 */
public enum CallEventType {
    /** A call began: {@code party} calls {@code target}, in {@code direction}. */
    CALL_STARTED,
    /** The recording notice was heard to play; {@code detail} names the prompt (clause 4.3). */
    NOTICE_PLAYED,
    /** Staff {@code staffId} attested that they told the other party (clause 4.3). */
    NOTICE_ATTESTED,
    /** {@code party} answered the call. */
    ANSWERED,
    /** {@code target} took the call over from {@code party}, in the way {@code transferKind}. */
    TRANSFERRED,
    /** {@code party} opened a consultation leg to {@code target}, apart from the call. */
    CONSULTATION_STARTED,
    /** The consultation leg of {@code party} to {@code target} ended without a transfer. */
    CONSULTATION_ENDED,
    /** {@code party} joined the call in a conference. */
    PARTY_JOINED,
    /** {@code party} left the call while others stay on it. */
    PARTY_LEFT,
    /** Staff {@code staffId} flagged that sensitive information is being discussed (4.4). */
    SENSITIVE_FLAGGED,
    /** Staff {@code staffId} reminded the caller that the call is recorded (clause 4.4). */
    REMINDER_GIVEN,
    /** The caller gave explicit consent to continue, recorded by {@code staffId} (4.4). */
    CONSENT_GIVEN,
    /** The caller refused consent, recorded by {@code staffId} (clause 4.4). */
    CONSENT_REFUSED,
    /** The caller withdrew consent given earlier, recorded by {@code staffId} (clause 4.4). */
    CONSENT_WITHDRAWN,
    /** The caller objected to being recorded, recorded by {@code staffId}. */
    CALLER_OBJECTED,
    /** Staff {@code staffId} flagged that a child is involved (clause 5.1). */
    CHILD_FLAGGED,
    /** {@code party} put the call on hold. */
    HOLD_STARTED,
    /** {@code party} took the call off hold. */
    HOLD_ENDED,
    /** The platform finished writing audio for a span; {@code detail} says where. */
    SEGMENT_AVAILABLE,
    /** The call ended; {@code detail} may say why (for example, the capture ended mid-call). */
    CALL_ENDED,
    /** The platform's recorder failed; {@code detail} says how. */
    RECORDER_FAILED
}
