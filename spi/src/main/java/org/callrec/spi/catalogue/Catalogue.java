package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the metadata of calls and recordings. Each method is atomic: it commits wholly before it
 * returns or changes nothing. Implementations are safe for use from many threads.
 *
 * <p>The catalogue is the only place that holds normalised phone numbers, and it keeps them (and
 * every party address) sealed by a {@link PersonalDataSeal}, found again through their blind
 * index; implementations never log them.
 */
public interface Catalogue extends AutoCloseable {
    /**
     * Inserts or replaces the record of a call. A call's retention deadline is not part of the
     * record; see {@link #setRetentionDeadline}.
     */
    void saveCall(CallRecord call);

    /** Returns the record of a call, or empty when it is not catalogued. */
    Optional<CallRecord> findCall(String callId);

    /** Returns every catalogued call, oldest first. */
    List<CallRecord> calls();

    /**
     * Adds a recording. Its call need not be catalogued yet (a recording can be stored while
     * its call is live).
     *
     * @throws IllegalStateException naming the id when a recording with that id exists
     */
    void addRecording(RecordingEntry recording);

    /** Returns a recording, or empty when none has that id. */
    Optional<RecordingEntry> findRecording(String recordingId);

    /** Returns the recordings of a call in span order. */
    List<RecordingEntry> recordingsOfCall(String callId);

    /** Returns every recording, oldest first. */
    List<RecordingEntry> recordings();

    /**
     * Returns each catalogued call of the given ids with its recordings, in the order the ids
     * are given; an id with no call record is left out, as {@link #findCall} would find none.
     * A subject access request reads every call it found through this, so that a catalogue
     * can answer many calls with a few queries.
     *
     * <p>The default reads each call with {@link #findCall} and then {@link #recordingsOfCall},
     * so the answer is not read in one snapshot; a catalogue that can read many calls at once
     * overrides it with the same answer, read in one.
     *
     * @param callIds the ids of the calls to read; each must be a valid call id
     */
    default List<CallRecordings> recordingsOfCalls(Collection<String> callIds) {
        Objects.requireNonNull(callIds, "callIds");

        List<CallRecordings> found = new ArrayList<>();
        for (String callId : callIds) {
            findCall(callId).ifPresent(call ->
                    found.add(new CallRecordings(call, recordingsOfCall(callId))));
        }
        return found;
    }

    /**
     * Sets the retention deadline of every recording of a call, and of recordings added to the
     * call later. Setting the same deadline again is a no-op.
     *
     * @throws RetentionDeadlineAlreadySetException when a different deadline is already set
     */
    void setRetentionDeadline(String callId, Instant deadline);

    /** Returns the call's retention deadline, or empty while it has none. */
    Optional<Instant> retentionDeadline(String callId);

    /**
     * Places a hold on a recording (clause 4.4). Whether the placer may do so is decided before.
     *
     * @throws IllegalStateException naming the id when a hold with that id exists, or naming the
     *     recording when it is not catalogued
     */
    void placeHold(Hold hold);

    /**
     * Releases an active hold.
     *
     * @return the hold as released
     * @throws IllegalStateException naming the id when there is no such hold or it was released
     */
    Hold releaseHold(String holdId, String releasedBy, Instant at);

    /** Returns a hold, active or released, or empty when none has that id. */
    Optional<Hold> findHold(String holdId);

    /** Returns every hold of a recording, active and released, oldest first. */
    List<Hold> holdsOf(String recordingId);

    /** Returns every active hold, oldest first. */
    List<Hold> activeHolds();

    /**
     * Returns up to {@code limit} recordings whose retention deadline is at or before
     * {@code asOf} and which have no active hold, earliest deadline first. Recordings of live
     * calls (no deadline) are never returned. Implementations answer from an index.
     */
    List<RecordingEntry> dueForDisposal(Instant asOf, int limit);

    /**
     * Claims up to {@code limit} recordings due for disposal, as {@link #dueForDisposal} finds
     * them, for one sweeper, and returns them, earliest deadline first. So that several
     * sweepers over one catalogue never dispose of the same recording twice, a recording is
     * claimed by at most one claimant at a time: one claimed by another claimant is skipped
     * while its claim runs, that is while its expiry is after {@code asOf}. An expired claim can
     * be taken by anyone, so the work of a sweeper that stopped is finished by another; a
     * claimant's own claims are returned to it again. A claim ends with the recording's entry
     * when its disposal is recorded.
     *
     * @param asOf the instant deadlines and claim expiries are compared with
     * @param limit at most this many recordings, at least 1
     * @param claimant who claims, unique to one sweeper, at most 128 characters
     * @param claimUntil when the claim expires; the claimant finishes within it
     */
    List<RecordingEntry> claimDueForDisposal(Instant asOf, int limit, String claimant,
            Instant claimUntil);

    /**
     * Ends every claim a claimant holds, so that other sweepers may take those recordings at
     * once: a sweeper that stops calls it for what it claimed and did not dispose of. Releasing
     * when there is nothing claimed is a no-op.
     */
    void releaseClaims(String claimant);

    /**
     * Destroys a recording's wrapped data key, so that its object can never be decrypted again
     * (crypto-shredding): the key's bytes are removed, not only hidden. Idempotent: a recording
     * whose key is already destroyed, or that is not catalogued, is left as it is.
     */
    void destroyWrappedKey(String recordingId);

    /**
     * Records that a recording was disposed of: the receipt is kept, the recording's entry is
     * removed, and when it was its call's last recording, the call's personal data (parties,
     * events, directory answers, references) goes with it. Idempotent: recording the same
     * disposal again changes nothing.
     *
     * @throws IllegalStateException naming the recording when its key was not destroyed first
     */
    void recordDisposal(DisposalReceipt receipt);

    /** Returns the disposal receipt of a recording, or empty when it was not disposed of. */
    Optional<DisposalReceipt> disposalOf(String recordingId);

    /** Returns every disposal receipt, in the order of disposal. */
    List<DisposalReceipt> disposals();

    /**
     * Attaches a reference from the housing system (such as a case or tenancy reference) to a
     * call, so that a subject access request can find it. Attaching it again is a no-op.
     */
    void addReference(String callId, String reference);

    /** Returns the references attached to a call. */
    Set<String> referencesOf(String callId);

    /** Returns the ids of calls with a party whose normalised number has this blind index. */
    Set<String> callsWithNumberIndex(String blindIndex);

    /** Returns the ids of calls in which this staff id took part. */
    Set<String> callsWithStaff(String staffId);

    /** Returns the ids of calls to which this reference was attached. */
    Set<String> callsWithReference(String reference);

    /** Releases resources. */
    @Override
    void close();
}
