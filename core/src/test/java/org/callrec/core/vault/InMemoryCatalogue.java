package org.callrec.core.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;

/**
 * A test fake of {@link Catalogue} that holds everything in memory. It can be told to fail the
 * next {@link #addRecording}, and lets a test replace an entry to stage tampering.
 */
public final class InMemoryCatalogue implements Catalogue {
    private final Map<String, CallRecord> calls = new LinkedHashMap<>();
    private final Map<String, RecordingEntry> recordings = new LinkedHashMap<>();
    private final Map<String, Instant> deadlines = new LinkedHashMap<>();
    private RuntimeException nextAddFailure;

    /** Makes the next addRecording throw this instead of adding anything. */
    synchronized void failNextAddWith(RuntimeException failure) {
        nextAddFailure = failure;
    }

    /** Replaces a stored entry as it is, bypassing every rule; for tampering tests. */
    synchronized void replace(RecordingEntry entry) {
        recordings.put(entry.recordingId(), entry);
    }

    @Override
    public synchronized void saveCall(CallRecord call) {
        calls.put(call.callId(), call);
    }

    @Override
    public synchronized Optional<CallRecord> findCall(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public synchronized List<CallRecord> calls() {
        return new ArrayList<>(calls.values());
    }

    @Override
    public synchronized void addRecording(RecordingEntry recording) {
        if (nextAddFailure != null) {
            RuntimeException failure = nextAddFailure;
            nextAddFailure = null;
            throw failure;
        }
        if (recordings.containsKey(recording.recordingId())) {
            throw new IllegalStateException("recording " + recording.recordingId()
                    + " is already catalogued");
        }
        Instant deadline = deadlines.get(recording.callId());
        recordings.put(recording.recordingId(), deadline == null ? recording
                : recording.withRetentionDeadline(deadline));
    }

    @Override
    public synchronized Optional<RecordingEntry> findRecording(String recordingId) {
        return Optional.ofNullable(recordings.get(recordingId));
    }

    @Override
    public synchronized List<RecordingEntry> recordingsOfCall(String callId) {
        return recordings.values().stream()
                .filter(entry -> entry.callId().equals(callId))
                .sorted(Comparator.comparing(RecordingEntry::spanStartedAt))
                .toList();
    }

    @Override
    public synchronized List<RecordingEntry> recordings() {
        return new ArrayList<>(recordings.values());
    }

    @Override
    public synchronized void setRetentionDeadline(String callId, Instant deadline) {
        Instant existing = deadlines.get(callId);
        if (existing != null && !existing.equals(deadline)) {
            throw new RetentionDeadlineAlreadySetException(callId, existing, deadline);
        }
        deadlines.put(callId, deadline);
        recordings.replaceAll((id, entry) -> entry.callId().equals(callId)
                ? entry.withRetentionDeadline(deadline) : entry);
    }

    @Override
    public synchronized Optional<Instant> retentionDeadline(String callId) {
        return Optional.ofNullable(deadlines.get(callId));
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
