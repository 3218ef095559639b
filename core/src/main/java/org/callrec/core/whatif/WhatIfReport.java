package org.callrec.core.whatif;

import java.util.Comparator;
import java.util.List;

/**
 * What a new policy would change over a set of past calls: per call and in total, with calls it
 * would start recording called out first, since that is the change that needs the most care.
 *
 * @param policyVersion the version of the new policy; never null
 * @param changes one entry per call replayed, ordered by kind then call id; never null
 */
public record WhatIfReport(String policyVersion, List<CallChange> changes) {

    /** Creates a report, ordering the changes by kind (starts recording first). */
    public WhatIfReport {
        changes = changes.stream()
                .sorted(Comparator.comparing(CallChange::kind).thenComparing(CallChange::callId))
                .toList();
    }

    /** Returns the calls that would change, in report order. */
    public List<CallChange> changed() {
        return changes.stream().filter(CallChange::isChanged).toList();
    }

    /** Returns how many calls would change in the given way. */
    public long count(CallChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** Returns how many stored recordings would get another retention deadline. */
    public int recordingsWhoseDeadlineMoves() {
        return changes.stream().mapToInt(CallChange::recordingsWhoseDeadlineMoves).sum();
    }

    /** Returns the report as a person reads it. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        long starts = count(CallChange.Kind.STARTS_RECORDING);
        if (starts > 0) {
            text.append("ATTENTION: policy ").append(policyVersion).append(" would START"
                    + " recording ").append(starts).append(" call(s) the current policy does"
                    + " not record\n");
        }
        for (CallChange change : changed()) {
            text.append(change.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(": call ").append(change.callId()).append('\n');
            change.differences().forEach(d -> text.append("    ").append(d).append('\n'));
        }
        text.append(changes.size()).append(" call(s) replayed: ")
                .append(starts).append(" would start recording, ")
                .append(count(CallChange.Kind.STOPS_RECORDING)).append(" would stop, ")
                .append(count(CallChange.Kind.RECORDED_DIFFERENTLY))
                .append(" recorded differently, ")
                .append(count(CallChange.Kind.KEPT_DIFFERENTLY)).append(" kept differently, ")
                .append(count(CallChange.Kind.UNCHANGED)).append(" unchanged; ")
                .append(recordingsWhoseDeadlineMoves())
                .append(" recording deadline(s) would move");
        return text.toString();
    }
}
