package org.callrec.asterisk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.telephony.CallEventListener;
import org.callrec.spi.telephony.MalformedEventException;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference telephony adapter for Asterisk 12 and later: Asterisk Manager Interface (AMI)
 * events in, neutral call events out, and AMI actions for the engine's recording commands.
 * Created by {@link AsteriskAdapterProvider} (ServiceLoader name {@code asterisk}).
 *
 * <h2>Reading</h2>
 * AMI text is read in bounded pieces: lines of at most 8 KiB, at most 256 fields a message,
 * strict UTF-8. A line over the limit, bytes that are not UTF-8, a line without a
 * {@code Key: Value} separator, a message with no {@code Event} field ({@code Action} and
 * {@code Response} blocks are skipped) and input that ends inside a line are refused with a
 * {@link MalformedEventException} naming the line and the rule. A field written {@code Key:}
 * with nothing after it is read as an empty value, as Asterisk writes some. Events are
 * delivered with a null time unless they carry a {@code Timestamp} field.
 *
 * <h2>One call id per conversation</h2>
 * The call id is the {@code Linkedid} of the channel that dialled first. Every channel that a
 * member of the conversation dials, both halves of a {@code Local/...;1}/{@code ;2} pair, and
 * a channel that enters a bridge holding a member, belong to the same conversation. A new dial
 * by a phone that is already talking on an answered call is a consultation leg of that call:
 * it is reported as {@code CONSULTATION_STARTED} (party the agent, target the consulted party)
 * on the original call id, although Asterisk gives it a linked id of its own; if its channels
 * all hang up without a transfer, {@code CONSULTATION_ENDED} follows. An
 * {@code AttendedTransfer} merges the consultation into the call and is reported as
 * {@code TRANSFERRED} with kind {@code ATTENDED}, party the transferring agent and target the
 * consulted party, on the original call id. Should the two calls not have been linked while
 * they ran, the transfer merges the second into the first, and the second ends with a detail
 * saying so.
 *
 * <h2>Parties and direction</h2>
 * A phone is named by its peer, taken from the channel name ({@code SIP/150010001-0000002c}
 * gives {@code 150010001}), which stays the same whatever caller id the dialplan sets. The
 * trunk is any channel whose name starts with one of the {@code trunk-channel-prefixes}; a
 * trunk that calls in is named by its caller id number, a trunk that is dialled by the number
 * dialled ({@code DestCallerIDNum}). A missing or {@code <unknown>} number is
 * {@code anonymous}. The direction is {@code INBOUND} when the caller is the trunk,
 * {@code OUTBOUND} when the first channel rung is the trunk, else {@code INTERNAL}.
 *
 * <h2>Events</h2>
 * <ul>
 *   <li>{@code CALL_STARTED} at the first {@code DialBegin} of the conversation that reaches a
 *       phone or the trunk (dials to {@code Local} channels only route). The called party is
 *       the phone or trunk rung; when the first channel has several dials open at that moment
 *       (a queue or ring group ringing phones in parallel; the captures show queues no other
 *       way), it is the number dialled instead. A call whose dials never reach a phone still
 *       starts, with the number dialled, when it ends.</li>
 *   <li>{@code ANSWERED} at the first {@code DialEnd} with {@code DialStatus: ANSWER} whose
 *       destination is a phone or the trunk; the answering party is that destination.</li>
 *   <li>{@code TRANSFERRED} kind {@code BLIND}: a successful {@code BlindTransfer} is noted,
 *       and the transfer is reported when its target answers (party the transferring party,
 *       target the answering phone).</li>
 *   <li>{@code TRANSFERRED} kind {@code PICKUP}: Asterisk shows a pickup (SIP Replaces or the
 *       {@code *8} code) as a further {@code DialBegin} from the same dialling channel, while
 *       the call rings, to a channel that was created under another linked id. When that
 *       channel answers, the pickup is reported as a transfer from the phone that was ringing
 *       to the phone that picked up, and no {@code ANSWERED} is reported: the engine treats a
 *       new party answering like a transfer into the call.</li>
 *   <li>{@code HOLD_STARTED}/{@code HOLD_ENDED} from {@code Hold}/{@code Unhold}, party the
 *       phone on whose channel the event was raised.</li>
 *   <li>A {@code UserEvent} with {@code UserEvent: Callrec} gives the event its {@code Signal}
 *       names: {@code sensitive}, {@code reminder}, {@code consent-given},
 *       {@code consent-refused}, {@code consent-withdrawn}, {@code objection}, {@code child},
 *       {@code notice-attested} (with the {@code StaffId} field), and {@code notice-played}
 *       (with the {@code Prompt} field as detail), and {@code recorder-failed}, which gives
 *       {@code RECORDER_FAILED}. The call is found by {@code Channel}, or
 *       else by {@code Linkedid}. Unknown signals and unknown channels are logged and
 *       skipped.</li>
 *   <li>{@code PARTY_JOINED} when a phone or the trunk that the call never dialled enters a
 *       bridge of the call ({@code BridgeEnter}), as in a {@code ConfBridge} conference.</li>
 *   <li>{@code CALL_ENDED} when the last channel of the conversation hangs up; at the end of
 *       the input every call still open ends with detail {@code capture ended mid-call}.</li>
 *   <li>{@code MixMonitorStart}, {@code MixMonitorStop} and {@code MixMonitorMute} are noted
 *       in the log only: the engine's own commands are the record of recording.</li>
 * </ul>
 * Other events ({@code Newchannel}, {@code Newstate}, {@code VarSet}, {@code Newexten} and so
 * on) are ignored. Events of Asterisk before 12 ({@code Dial}, {@code Bridge},
 * {@code Masquerade}) are read without error but not mapped.
 *
 * <h2>Commands</h2>
 * {@link #execute} returns the AMI action as it would be sent, to the call's customer-side
 * channel (the trunk when the call has one, otherwise the caller's phone, moving to the party
 * who stays when that one transfers away):
 * {@code START_RECORDING} is {@code MixMonitor} with {@code File: callrec-<spanId>.wav};
 * {@code PAUSE_RECORDING} and {@code RESUME_RECORDING} are {@code MixMonitorMute} with
 * {@code Direction: both} and {@code State: 1} or {@code 0}; {@code STOP_RECORDING} is
 * {@code StopMixMonitor}; {@code PLAY_NOTICE} is {@code Redirect} of that channel to
 * {@code notice-exten} (default {@code s}), priority 1, in the {@code notice-context}
 * (default {@code callrec-notice}), whose dialplan is expected to play the prompt, raise the
 * {@code Callrec} {@code notice-played} UserEvent and send the call on. A command for a call
 * with no known channel returns a sentence saying so.
 *
 * <h2>Settings</h2>
 * <ul>
 *   <li>{@code trunk-channel-prefixes}: comma list, default {@code SIP/voipgrid-siproute}.</li>
 *   <li>{@code replay-audio}: a file that stands for the audio of every span; setting it puts
 *       the adapter in replay mode, where {@link #releaseSpanAudio} never deletes it.</li>
 *   <li>{@code spool-dir}: the folder in which Asterisk's MixMonitor writes relative file
 *       names (its monitor spool), as this process sees it.</li>
 *   <li>{@code notice-context}, {@code notice-exten}: where {@code PLAY_NOTICE} sends the
 *       call.</li>
 *   <li>{@code accept-unterminated-final-line}: {@code true} reads a last line without line
 *       terminator as complete instead of refusing it as truncated (default
 *       {@code false}).</li>
 *   <li>{@code max-live-calls}: the most calls kept open at once (default 10000); the oldest
 *       is ended to make room, with a warning.</li>
 * </ul>
 *
 * <p>Threading: {@link #read} runs on the caller's thread and delivers events on it;
 * {@link #execute}, {@link #spanAudio} and {@link #releaseSpanAudio} may be called from any
 * thread. Nothing is logged that holds a number, a name or a caller id field.
 */
public final class AsteriskAdapter implements TelephonyAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AsteriskAdapter.class);

    private final AsteriskSettings settings;
    private final ChannelNames names;
    private final LiveCalls live;
    private final RecordingActions actions;

    AsteriskAdapter(AsteriskSettings settings) {
        this.settings = settings;
        this.names = new ChannelNames(settings.trunkChannelPrefixes());
        this.live = new LiveCalls(settings.maxLiveCalls());
        this.actions = new RecordingActions(settings.noticeContext(), settings.noticeExten());
    }

    /**
     * Reads AMI events until the end of the input and delivers the neutral events they give,
     * in order, then ends every call still open with detail {@code capture ended mid-call}.
     * When the input breaks a rule, the calls still open are ended (detail naming the line)
     * before the exception is thrown.
     *
     * @throws MalformedEventException naming the line and the rule the input broke
     * @throws IOException when the input cannot be read
     */
    @Override
    public void read(InputStream input, String sourceName, CallEventListener listener)
            throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(listener, "listener");

        AmiMessageReader reader = new AmiMessageReader(input, sourceName,
                settings.acceptUnterminatedFinalLine());
        CallTracker tracker = new CallTracker(sourceName, names, live, settings.maxLiveCalls(),
                listener);
        long events = 0;
        try {
            for (AmiMessage message = reader.next(); message != null; message = reader.next()) {
                tracker.accept(message);
                events++;
            }
        } catch (MalformedEventException e) {
            LOG.debug("input {} refused at line {} after {} events", sourceName, e.line(),
                    events);
            tracker.finish(e.line(), "input refused at line " + e.line() + "; call ended there");
            throw e;
        }

        tracker.finish(reader.lineNumber(), CallTracker.CAPTURE_ENDED);
        LOG.debug("read {} AMI events from {}", events, sourceName);
    }

    /**
     * Returns the AMI action for the command, as it would be sent to Asterisk. This adapter
     * does not hold a manager connection: the action is returned to the caller, who sends it
     * in a live set-up and prints it in replay.
     *
     * @return the action in AMI wire format, or a sentence saying why there is none; never
     *     null
     */
    @Override
    public String execute(RecordingCommand command) {
        Objects.requireNonNull(command, "command");

        Optional<String> channel = live.channel(command.callId());
        if (channel.isEmpty()) {
            LOG.debug("call {}: no channel known for {}", command.callId(), command.type());
            return "no AMI action for " + command.type() + ": no channel is known for call "
                    + command.callId() + " (it has ended or was never seen)";
        }

        // Limitation: the action is returned, not sent; a live deployment needs its own AMI
        // connection to send it and to read the response.
        String action = actions.action(command, channel.get());
        LOG.debug("call {}: {} mapped to an AMI action", command.callId(), command.type());
        return action;
    }

    /**
     * Returns the audio of a span: in replay the {@code replay-audio} file, for any span;
     * otherwise {@code callrec-<spanId>.wav} in {@code spool-dir} when that file exists.
     */
    @Override
    public Optional<Path> spanAudio(String callId, String spanId) {
        if (settings.replay()) {
            return Optional.of(settings.replayAudio());
        }
        if (settings.spoolDir() == null || !RecordingActions.usableSpanId(spanId)) {
            return Optional.empty();
        }

        Path file = settings.spoolDir().resolve(RecordingActions.spoolFileName(spanId));
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Lets the span's audio go: in replay the source file is left in place and the note says
     * so; otherwise the spool file is deleted.
     *
     * @return what was done, for the timeline; never null
     */
    @Override
    public String releaseSpanAudio(String callId, String spanId) {
        if (settings.replay()) {
            return "replay: source audio " + settings.replayAudio().getFileName()
                    + " left in place, not deleted";
        }
        if (settings.spoolDir() == null) {
            return "no spool-dir set: no spool file to delete for span " + spanId;
        }
        if (!RecordingActions.usableSpanId(spanId)) {
            return "span id is not 1 to 96 letters, digits or ._:-: nothing deleted";
        }

        String name = RecordingActions.spoolFileName(spanId);
        try {
            boolean deleted = Files.deleteIfExists(settings.spoolDir().resolve(name));
            return deleted ? "deleted spool file " + name
                    : "spool file " + name + " was already gone";
        } catch (IOException e) {
            LOG.warn("call {}: could not delete spool file of span {}", callId, spanId, e);
            return "could not delete spool file " + name + ": " + e.getClass().getSimpleName();
        }
    }

    /** Forgets the channels of open calls; commands after this say no channel is known. */
    @Override
    public void close() {
        LOG.debug("adapter closed with {} calls open", live.size());
        live.clear();
    }
}
