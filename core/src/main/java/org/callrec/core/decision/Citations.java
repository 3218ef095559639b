package org.callrec.core.decision;

import java.util.Arrays;
import java.util.List;
import org.callrec.core.policy.Policy;

/**
 * The clause lists and reason sentences that decisions cite, shared between decisions that say
 * the same thing. Most events of a call end in one of a few outcomes ("recording: call off hold;
 * a listed team's call; the other party was told (played)"), so the sentence and the list are
 * built once and every later decision with the same words points at them, instead of building a
 * new string and list per event and keeping them as long as the call.
 *
 * <p>A small direct-mapped table: a step whose words are not in its slot builds a fresh
 * citation and takes the slot, so the table never grows, and a reason carrying a one-off detail
 * (an inferred end, a retention deadline) costs what it did before. Safe for use from many
 * threads without locks: a {@link Citation} is immutable with final fields only, so a thread
 * reading a slot another thread has just written sees either the old citation or the new one,
 * complete; a lost write only means one more build later.
 *
 * <p>It also holds the clause sets the recording gate cites, gathered once from the policy for
 * every call of the engine. Callers never write into these arrays.
 */
final class Citations {
    private static final int SLOTS = 1024;

    /** The clauses a recordable call cites: recordable calls, parties, notice. */
    final String[] recording;
    /** The clause that stops recording for HR and senior staff. */
    final String[] stop;
    /** The clause on which calls are recordable. */
    final String[] recordable;
    /** The notice clause. */
    final String[] notice;

    private final Citation[] slots = new Citation[SLOTS];

    Citations(Policy policy) {
        this.recording = new String[] {policy.recordableCalls().clause(),
            policy.recordableCalls().partiesClause(), policy.notice().clause()};
        this.stop = new String[] {policy.stopRecording().clause()};
        this.recordable = new String[] {policy.recordableCalls().clause()};
        this.notice = new String[] {policy.notice().clause()};
    }

    /** Returns the citation with the step's outcome, cause, notes and clauses. */
    Citation of(CallState.Step step) {
        int hash = step.wordsHash();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Citation cached = slots[slot];
        if (cached != null && cached.hash == hash && cached.says(step)) {
            return cached;
        }

        Citation fresh = new Citation(step, hash);
        slots[slot] = fresh;
        return fresh;
    }

    /** The words of one kind of decision: its clauses and its reason sentence. */
    static final class Citation {
        final int hash;
        final String outcome;
        final String cause;
        final String[] notes;
        final String[] clauseIds;
        final List<String> clauses;
        final String reason;

        Citation(CallState.Step step, int hash) {
            this.hash = hash;
            this.outcome = step.outcome;
            this.cause = step.cause;
            this.notes = Arrays.copyOf(step.notes, step.noteCount);
            this.clauseIds = Arrays.copyOf(step.clauses, step.clauseCount);
            this.clauses = List.of(clauseIds);
            this.reason = reason(outcome, cause, notes);
        }

        boolean says(CallState.Step step) {
            return outcome.equals(step.outcome) && cause.equals(step.cause)
                    && same(notes, step.notes, step.noteCount)
                    && same(clauseIds, step.clauses, step.clauseCount);
        }

        private static boolean same(String[] kept, String[] words, int count) {
            if (kept.length != count) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (!kept[i].equals(words[i])) {
                    return false;
                }
            }
            return true;
        }

        /** The reason as callers read it: {@code outcome: cause; note; note}. */
        private static String reason(String outcome, String cause, String[] notes) {
            StringBuilder text = new StringBuilder(outcome.length() + cause.length() + 64)
                    .append(outcome).append(": ").append(cause);
            for (String note : notes) {
                text.append("; ").append(note);
            }
            return text.toString();
        }
    }
}
