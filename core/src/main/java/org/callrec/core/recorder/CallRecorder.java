package org.callrec.core.recorder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.decision.RecordedSpan;
import org.callrec.core.retention.DeletionPath;
import org.callrec.core.retention.RecordingDisposal;
import org.callrec.core.retention.RecordingOnHoldException;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls through the policy: adapter events in, decisions taken, commands carried out,
 * closed spans encrypted into the vault, calls catalogued with their retention deadline.
 *
 * <p>The adapter's own copy of a span's audio is released only after the recording and the
 * call's metadata are committed. A span that cannot be stored is reported in the timeline and
 * logged at ERROR; its audio stays with the adapter, so nothing is lost.
 *
 * <p>Safe for use from many threads when the adapter, vault and catalogue are.
 */
public final class CallRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final DecisionEngine engine;
    private final TelephonyAdapter adapter;
    private final RecordingVault vault;
    private final Catalogue catalogue;
    private final RecordingDisposal disposal;
    private final Cache<String, Boolean> alreadyCatalogued = Caffeine.newBuilder()
            .maximumSize(10_000)
            .build();

    /**
     * Creates a recorder that keeps, flagged, what was recorded before an objection even when
     * the policy says to discard it, because it has no guarded way to delete.
     */
    public CallRecorder(DecisionEngine engine, TelephonyAdapter adapter, RecordingVault vault,
            Catalogue catalogue) {
        this(engine, adapter, vault, catalogue, null);
    }

    /**
     * Creates a recorder.
     *
     * @param engine decides each event
     * @param adapter carries out commands and supplies span audio
     * @param vault encrypts and stores span audio
     * @param catalogue keeps call records and retention deadlines
     * @param disposal discards earlier spans after an objection when the policy says so,
     *     through the deletion guard (a held recording is kept); null to keep them flagged
     */
    public CallRecorder(DecisionEngine engine, TelephonyAdapter adapter, RecordingVault vault,
            Catalogue catalogue, RecordingDisposal disposal) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.disposal = disposal;
    }

    /**
     * Reads the adapter's input to its end, handling every event.
     *
     * @param input the platform's events; the caller closes it
     * @param sourceName the name used in error messages
     * @param timeline receives an entry for every event
     * @throws org.callrec.spi.telephony.MalformedEventException when the input is malformed;
     *     events before the bad one have been handled and their recordings kept
     * @throws IOException when the input cannot be read
     */
    public void replay(InputStream input, String sourceName, Consumer<TimelineEntry> timeline)
            throws IOException {
        adapter.read(input, sourceName, event -> timeline.accept(handle(event)));
    }

    /**
     * Handles one event.
     *
     * @return what was decided and done; never null
     */
    public TimelineEntry handle(CallEvent event) {
        if (isAlreadyCatalogued(event)) {
            return new TimelineEntry(engine.ignore(event, "ignored: the call is already"
                    + " catalogued; a call is decided and recorded once").decision(), List.of(),
                    List.of(), List.of());
        }
        EngineAnswer answer = engine.decide(event);
        List<String> actions = new ArrayList<>();
        List<RecordingEntry> stored = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        for (RecordingCommand command : answer.decision().commands()) {
            actions.add(adapter.execute(command));
        }

        if (answer.discardEarlierSpans()) {
            discardEarlierSpans(answer.decision().callId(), notes);
        }
        answer.span().ifPresent(span -> store(span, answer, stored, notes));
        answer.ended().ifPresent(call -> catalogueEndedCall(call, notes));
        return new TimelineEntry(answer.decision(), actions, stored, notes);
    }

    /**
     * Returns whether an event belongs to a call the catalogue already holds. A capture replayed
     * twice, or a platform that repeats a call id, must neither record the call again nor
     * replace the decisions it was recorded on.
     */
    private boolean isAlreadyCatalogued(CallEvent event) {
        if (event.type() == CallEventType.CALL_STARTED
                && catalogue.findCall(event.callId()).isPresent()) {
            LOG.warn("call {} is already catalogued; its events are ignored", event.callId());
            alreadyCatalogued.put(event.callId(), Boolean.TRUE);
        }
        return alreadyCatalogued.getIfPresent(event.callId()) != null;
    }

    /**
     * Attaches a reference from the housing system (a case or tenancy reference) to a call, so
     * that a subject access request can find it (clause 4.4).
     */
    public void attachReference(String callId, String reference) {
        catalogue.addReference(callId, reference);
    }

    private void discardEarlierSpans(String callId, List<String> notes) {
        if (disposal == null) {
            notes.add("policy asks to discard earlier spans; kept and flagged: this recorder"
                    + " was given no guarded deletion path");
            return;
        }
        for (RecordingEntry entry : catalogue.recordingsOfCall(callId)) {
            try {
                disposal.dispose(entry.recordingId(), DeletionPath.OBJECTION_DISCARD,
                        "call-recorder");
                notes.add("discarded " + entry.recordingId() + " after the objection (4.4)");
            } catch (RecordingOnHoldException held) {
                notes.add("kept " + entry.recordingId() + ": " + held.getMessage());
            } catch (IOException | RuntimeException failed) {
                LOG.error("call {}: recording {} could not be discarded after an objection",
                        callId, entry.recordingId(), failed);
                notes.add("NOT discarded " + entry.recordingId() + " (" + failed.getMessage()
                        + ")");
            }
        }
    }

    private void store(RecordedSpan span, EngineAnswer answer, List<RecordingEntry> stored,
            List<String> notes) {
        Optional<Path> audio = adapter.spanAudio(span.callId(), span.spanId());
        if (audio.isEmpty()) {
            LOG.warn("call {}: no audio for span {}; nothing to store", span.callId(),
                    span.spanId());
            notes.add("no audio was written for span " + span.spanId());
            return;
        }

        RecordingEntry entry;
        try (InputStream in = Files.newInputStream(audio.get())) {
            entry = vault.store(span.callId(), span.spanId(), span.startedAt(), span.endedAt(),
                    in);
        } catch (IOException | RuntimeException failed) {
            LOG.error("call {}: span {} could not be stored; the adapter keeps its audio",
                    span.callId(), span.spanId(), failed);
            notes.add("span " + span.spanId() + " NOT stored (" + failed.getMessage()
                    + "); the platform's copy is kept");
            return;
        }
        stored.add(entry);

        try {
            CallRecord metadata = answer.endedCall() != null ? answer.endedCall()
                    : engine.snapshot(span.callId()).orElse(null);
            if (metadata != null) {
                catalogue.saveCall(metadata);
            }
        } catch (RuntimeException failed) {
            // The recording is safe in the vault, but without its call's metadata it cannot yet
            // be explained: the platform keeps its copy until a later save succeeds.
            LOG.error("call {}: recording {} stored but the call's metadata was not catalogued",
                    span.callId(), entry.recordingId(), failed);
            notes.add("stored " + entry.recordingId() + " but the call's metadata was not"
                    + " catalogued; the platform's copy is kept");
            return;
        }

        notes.add("stored " + entry.recordingId() + " (" + entry.plaintextBytes()
                + " bytes of audio, encrypted)");
        notes.add(adapter.releaseSpanAudio(span.callId(), span.spanId()));
    }

    private void catalogueEndedCall(CallRecord call, List<String> notes) {
        Instant deadline = engine.policy().retention().deadlineFor(call.endedAt());
        catalogue.saveCall(call);
        catalogue.setRetentionDeadline(call.callId(), deadline);
        notes.add("catalogued; retention deadline " + deadline);
    }
}
