package org.callrec.spi.call;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One neutral event of one call, as a telephony adapter reports it. Which of the optional fields
 * an event uses depends on its {@link CallEventType}; the factory methods set exactly those.
 *
 * <p>An adapter that reads events without a timestamp leaves {@code at} null, and the reader
 * stamps them from the injected clock with {@link #stampedAt(Instant)}.
 *
 * @param type what happened; never null
 * @param callId the call this event belongs to; never null, see {@link #CALL_ID_PATTERN}
 * @param at when it happened, or null until stamped
 * @param party the party the event is about, or null
 * @param target the other party (called, transfer target, consulted), or null
 * @param direction the direction of a {@link CallEventType#CALL_STARTED}, or null
 * @param transferKind how a {@link CallEventType#TRANSFERRED} happened, or null
 * @param staffId the staff member who signalled what only a person can know, or null
 * @param detail a short platform-neutral detail (prompt name, reason, audio location), or null
 * @param source where the event was read (for example {@code capture.ami:42}), or null
 */
public record CallEvent(
        CallEventType type,
        String callId,
        Instant at,
        Party party,
        Party target,
        Direction direction,
        TransferKind transferKind,
        String staffId,
        String detail,
        String source) {

    /**
     * What a call id may look like: 1 to 96 characters of letters, digits, dot, dash, underscore
     * and colon, starting with a letter or digit. Ids from outside are checked against it, so a
     * call id is always safe to log and to use in an object key.
     */
    public static final Pattern CALL_ID_PATTERN =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,95}");

    /** Creates an event, checking that the call id is well formed. */
    public CallEvent {
        Objects.requireNonNull(type, "type");
        requireCallId(callId);
        if (detail != null && detail.length() > 1024) {
            throw new IllegalArgumentException("event detail must be at most 1024 characters, was "
                    + detail.length() + " (event " + type + " of call " + callId + ")");
        }
    }

    /**
     * Checks a call id against {@link #CALL_ID_PATTERN}.
     *
     * @return the call id
     * @throws IllegalArgumentException naming the value and the rule when it does not match
     */
    public static String requireCallId(String callId) {
        Objects.requireNonNull(callId, "callId");
        if (!isWellFormedCallId(callId)) {
            String shown = callId.length() > 40 ? callId.substring(0, 40) + "..." : callId;
            throw new IllegalArgumentException("call id '" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "' must be 1 to 96 letters, digits, '.', '_', ':' or '-', starting with"
                    + " a letter or digit");
        }
        return callId;
    }

    /**
     * The rule of {@link #CALL_ID_PATTERN} checked character by character: every event and
     * command checks its call id, and a regular expression there cost more than the decision.
     */
    private static boolean isWellFormedCallId(String callId) {
        int length = callId.length();
        if (length < 1 || length > 96 || !isLetterOrDigit(callId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = callId.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether the character is an ASCII letter or digit, as {@code [A-Za-z0-9]} reads. */
    private static boolean isLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** A call began: {@code caller} calls {@code called}. */
    public static CallEvent started(String callId, Instant at, Party caller, Party called,
            Direction direction) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(called, "called");
        Objects.requireNonNull(direction, "direction");
        return new CallEvent(CallEventType.CALL_STARTED, callId, at, caller, called, direction,
                null, null, null, null);
    }

    /** {@code answerer} answered the call. */
    public static CallEvent answered(String callId, Instant at, Party answerer) {
        Objects.requireNonNull(answerer, "answerer");
        return new CallEvent(CallEventType.ANSWERED, callId, at, answerer, null, null, null,
                null, null, null);
    }

    /** {@code target} took the call over from {@code from} (which may be null if unknown). */
    public static CallEvent transferred(String callId, Instant at, Party from, Party target,
            TransferKind kind) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        return new CallEvent(CallEventType.TRANSFERRED, callId, at, from, target, null, kind,
                null, null, null);
    }

    /** An event about one party: joined, left, hold started or ended. */
    public static CallEvent ofParty(CallEventType type, String callId, Instant at, Party party) {
        Objects.requireNonNull(party, "party");
        return new CallEvent(type, callId, at, party, null, null, null, null, null, null);
    }

    /** A consultation leg from {@code party} to {@code target} started or ended. */
    public static CallEvent consultation(CallEventType type, String callId, Instant at,
            Party party, Party target) {
        Objects.requireNonNull(target, "target");
        return new CallEvent(type, callId, at, party, target, null, null, null, null, null);
    }

    /** A signal that only a person can give, raised by staff member {@code staffId}. */
    public static CallEvent signal(CallEventType type, String callId, Instant at, String staffId) {
        return new CallEvent(type, callId, at, null, null, null, null, staffId, null, null);
    }

    /** An event whose only payload is a short detail: notice played, call ended, failure. */
    public static CallEvent withDetail(CallEventType type, String callId, Instant at,
            String detail) {
        return new CallEvent(type, callId, at, null, null, null, null, null, detail, null);
    }

    /** Returns this event with its time set, or this event if it already has one. */
    public CallEvent stampedAt(Instant instant) {
        if (at != null) {
            return this;
        }
        Objects.requireNonNull(instant, "instant");
        return new CallEvent(type, callId, instant, party, target, direction, transferKind,
                staffId, detail, source);
    }

    /** Returns this event with the place it was read from. */
    public CallEvent from(String where) {
        return new CallEvent(type, callId, at, party, target, direction, transferKind, staffId,
                detail, where);
    }

    /** Returns a description with no addresses in it, fit for logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CallEvent[").append(type)
                .append(", call=").append(callId)
                .append(", at=").append(at);
        if (direction != null) {
            text.append(", direction=").append(direction);
        }
        if (transferKind != null) {
            text.append(", transfer=").append(transferKind);
        }
        if (staffId != null) {
            text.append(", staff=").append(staffId);
        }
        if (source != null) {
            text.append(", source=").append(source);
        }
        return text.append(']').toString();
    }
}
