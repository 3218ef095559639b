package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;

/**
 * Everything the catalogue keeps about one call: who took part, what they were told and agreed
 * to, the lawful basis and policy version, and the decisions with the events and directory
 * answers they were taken on.
 *
 * @param callId the call id; never null
 * @param direction the call's direction, or null when the call never started properly
 * @param teams the listed teams that handled the call; never null
 * @param parties everyone who took part; never null
 * @param evidence notice and consent evidence in time order; never null
 * @param flags markers such as {@code notice-missing}, {@code notice-weak}, {@code child},
 *     {@code objected}, {@code ended-unclean}; never null
 * @param lawfulBasis the lawful basis recordings of the call rest on (clause 5.1); never null
 * @param policyVersion the version of the policy applied; never null
 * @param startedAt when the call started, or null if unknown
 * @param endedAt when the call ended, or null while it is live
 * @param decisions the engine's decisions in order; never null
 * @param events the events those decisions answered, in order; never null
 * @param directoryAnswers the directory answers the decisions used; never null
 */
public record CallRecord(
        String callId,
        Direction direction,
        Set<String> teams,
        List<CallParty> parties,
        List<Evidence> evidence,
        Set<String> flags,
        String lawfulBasis,
        String policyVersion,
        Instant startedAt,
        Instant endedAt,
        List<Decision> decisions,
        List<CallEvent> events,
        List<DirectoryAnswer> directoryAnswers) {

    /** Creates a call record, copying every collection. */
    public CallRecord {
        CallEvent.requireCallId(callId);
        teams = Set.copyOf(teams);
        parties = List.copyOf(parties);
        evidence = List.copyOf(evidence);
        flags = Set.copyOf(flags);
        Objects.requireNonNull(lawfulBasis, "lawfulBasis");
        Objects.requireNonNull(policyVersion, "policyVersion");
        decisions = List.copyOf(decisions);
        events = List.copyOf(events);
        directoryAnswers = List.copyOf(directoryAnswers);
    }

    /** Returns whether the call is still live (not yet ended). */
    public boolean isLive() {
        return endedAt == null;
    }

    @Override
    public String toString() {
        return "CallRecord[" + callId + ", " + direction + ", teams=" + teams + ", "
                + parties.size() + " parties, " + decisions.size() + " decisions]";
    }
}
