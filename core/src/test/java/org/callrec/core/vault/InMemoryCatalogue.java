package org.callrec.core.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.PersonalDataSeal;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;

/**
 * A test fake of {@link Catalogue} that holds everything in memory. It can be told to fail the
 * next {@link #addRecording}, and lets a test replace an entry to stage tampering. Lookups by
 * number index use the seal it was given; without one they find nothing. Public so that the
 * tests of other core packages can use it.
 */
public final class InMemoryCatalogue implements Catalogue {
    private final PersonalDataSeal seal;
    private final Map<String, Hold> holds = new LinkedHashMap<>();
    private final Map<String, DisposalReceipt> disposals = new LinkedHashMap<>();
    private final Map<String, Set<String>> references = new LinkedHashMap<>();
    private final Map<String, CallRecord> calls = new LinkedHashMap<>();
    private final Map<String, RecordingEntry> recordings = new LinkedHashMap<>();
    private final Map<String, Instant> deadlines = new LinkedHashMap<>();
    private final Map<String, Map.Entry<String, Instant>> claims = new LinkedHashMap<>();
    private RuntimeException nextAddFailure;

    /** Creates an empty catalogue whose number lookups find nothing. */
    public InMemoryCatalogue() {
        this(null);
    }

    /** Creates an empty catalogue that finds numbers by the given seal's blind index. */
    public InMemoryCatalogue(PersonalDataSeal seal) {
        this.seal = seal;
    }

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
    public synchronized void placeHold(Hold hold) {
        if (!recordings.containsKey(hold.recordingId())) {
            throw new IllegalStateException("recording " + hold.recordingId()
                    + " is not catalogued, so it cannot be held");
        }
        if (holds.putIfAbsent(hold.holdId(), hold) != null) {
            throw new IllegalStateException("hold " + hold.holdId() + " already exists");
        }
    }

    @Override
    public synchronized Hold releaseHold(String holdId, String releasedBy, Instant at) {
        Hold hold = holds.get(holdId);
        if (hold == null || !hold.isActive()) {
            throw new IllegalStateException("hold " + holdId
                    + " is not an active hold, so it cannot be released");
        }
        Hold released = hold.releasedBy(releasedBy, at);
        holds.put(holdId, released);
        return released;
    }

    @Override
    public synchronized Optional<Hold> findHold(String holdId) {
        return Optional.ofNullable(holds.get(holdId));
    }

    @Override
    public synchronized List<Hold> holdsOf(String recordingId) {
        return holds.values().stream().filter(h -> h.recordingId().equals(recordingId))
                .toList();
    }

    @Override
    public synchronized List<Hold> activeHolds() {
        return holds.values().stream().filter(Hold::isActive).toList();
    }

    @Override
    public synchronized List<RecordingEntry> dueForDisposal(Instant asOf, int limit) {
        Predicate<RecordingEntry> held = entry -> holds.values().stream()
                .anyMatch(h -> h.isActive() && h.recordingId().equals(entry.recordingId()));
        return recordings.values().stream()
                .filter(entry -> entry.retentionDeadline() != null
                        && !entry.retentionDeadline().isAfter(asOf))
                .filter(held.negate())
                .sorted(Comparator.comparing(RecordingEntry::retentionDeadline))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<RecordingEntry> claimDueForDisposal(Instant asOf, int limit,
            String claimant, Instant claimUntil) {
        Predicate<RecordingEntry> claimable = entry -> {
            Map.Entry<String, Instant> claim = claims.get(entry.recordingId());
            return claim == null || claim.getKey().equals(claimant)
                    || !claim.getValue().isAfter(asOf);
        };
        List<RecordingEntry> claimed = dueForDisposal(asOf, Integer.MAX_VALUE).stream()
                .filter(claimable)
                .limit(limit)
                .toList();
        claimed.forEach(entry -> claims.put(entry.recordingId(),
                Map.entry(claimant, claimUntil)));
        return claimed;
    }

    @Override
    public synchronized void releaseClaims(String claimant) {
        claims.values().removeIf(claim -> claim.getKey().equals(claimant));
    }

    @Override
    public synchronized void destroyWrappedKey(String recordingId) {
        RecordingEntry entry = recordings.get(recordingId);
        if (entry != null) {
            recordings.put(recordingId, new RecordingEntry(entry.recordingId(), entry.callId(),
                    entry.spanId(), entry.objectKey(), entry.spanStartedAt(),
                    entry.spanEndedAt(), entry.plaintextBytes(), entry.ciphertextBytes(),
                    entry.ciphertextSha256(), null, entry.storedAt(),
                    entry.retentionDeadline()));
        }
    }

    @Override
    public synchronized void recordDisposal(DisposalReceipt receipt) {
        RecordingEntry entry = recordings.get(receipt.recordingId());
        if (entry != null && entry.wrappedKey() != null) {
            throw new IllegalStateException("recording " + receipt.recordingId()
                    + " still has its wrapped key");
        }
        disposals.putIfAbsent(receipt.recordingId(), receipt);
        recordings.remove(receipt.recordingId());
        claims.remove(receipt.recordingId());
        if (recordingsOfCall(receipt.callId()).isEmpty()) {
            references.remove(receipt.callId());
            CallRecord call = calls.get(receipt.callId());
            if (call != null) {
                calls.put(call.callId(), new CallRecord(call.callId(), call.direction(),
                        call.teams(), List.of(), call.evidence(), call.flags(),
                        call.lawfulBasis(), call.policyVersion(), call.startedAt(),
                        call.endedAt(), List.of(), List.of(), List.of()));
            }
        }
    }

    @Override
    public synchronized Optional<DisposalReceipt> disposalOf(String recordingId) {
        return Optional.ofNullable(disposals.get(recordingId));
    }

    @Override
    public synchronized List<DisposalReceipt> disposals() {
        return new ArrayList<>(disposals.values());
    }

    @Override
    public synchronized void addReference(String callId, String reference) {
        references.computeIfAbsent(callId, id -> new TreeSet<>()).add(reference);
    }

    @Override
    public synchronized Set<String> referencesOf(String callId) {
        return Set.copyOf(references.getOrDefault(callId, Set.of()));
    }

    @Override
    public synchronized Set<String> callsWithNumberIndex(String blindIndex) {
        return callsWithParty(party -> seal != null && party.number() != null
                && seal.blindIndex(party.number()).equals(blindIndex));
    }

    @Override
    public synchronized Set<String> callsWithStaff(String staffId) {
        return callsWithParty(party -> staffId.equals(party.staffId()));
    }

    @Override
    public synchronized Set<String> callsWithReference(String reference) {
        Set<String> found = new TreeSet<>();
        references.forEach((callId, refs) -> {
            if (refs.contains(reference)) {
                found.add(callId);
            }
        });
        return found;
    }

    private Set<String> callsWithParty(Predicate<CallParty> matches) {
        Set<String> found = new TreeSet<>();
        for (CallRecord call : calls.values()) {
            if (call.parties().stream().anyMatch(matches)) {
                found.add(call.callId());
            }
        }
        return found;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
