package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the metadata of calls and recordings. Each method is atomic: it commits wholly before it
 * returns or changes nothing. Implementations are safe for use from many threads.
 *
 * <p>The catalogue is the only place that holds normalised phone numbers; implementations never
 * log them.
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
     * Sets the retention deadline of every recording of a call, and of recordings added to the
     * call later. Setting the same deadline again is a no-op.
     *
     * @throws RetentionDeadlineAlreadySetException when a different deadline is already set
     */
    void setRetentionDeadline(String callId, Instant deadline);

    /** Returns the call's retention deadline, or empty while it has none. */
    Optional<Instant> retentionDeadline(String callId);

    /** Releases resources. */
    @Override
    void close();
}
