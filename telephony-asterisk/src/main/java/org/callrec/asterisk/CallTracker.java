package org.callrec.asterisk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.TransferKind;
import org.callrec.spi.telephony.CallEventListener;
import org.callrec.spi.telephony.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the AMI events of one stream into neutral call events, keeping one small state per
 * conversation. The rules are documented on {@link AsteriskAdapter}; this class follows them.
 *
 * <p>A conversation is the set of channels that carry one call: the channel that dialled
 * first, every channel it or its members dialled, both halves of each {@code Local} pair, and
 * any channel bridged with a member. A consultation leg is a second set inside the same
 * conversation until an attended transfer merges it or its channels hang up.
 *
 * <p>Not thread-safe: one tracker serves one stream on the reading thread. What other threads
 * need (the channel for recording actions) is published through {@link LiveCalls}.
 */
final class CallTracker {
    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    /** The most channels one conversation tracks; more are ignored with a warning. */
    static final int MAX_CHANNELS_PER_CALL = 64;

    static final String CAPTURE_ENDED = "capture ended mid-call";

    private static final Map<String, CallEventType> SIGNALS = Map.of(
            "sensitive", CallEventType.SENSITIVE_FLAGGED,
            "reminder", CallEventType.REMINDER_GIVEN,
            "consent-given", CallEventType.CONSENT_GIVEN,
            "consent-refused", CallEventType.CONSENT_REFUSED,
            "consent-withdrawn", CallEventType.CONSENT_WITHDRAWN,
            "objection", CallEventType.CALLER_OBJECTED,
            "child", CallEventType.CHILD_FLAGGED,
            "notice-attested", CallEventType.NOTICE_ATTESTED,
            "notice-played", CallEventType.NOTICE_PLAYED,
            "recorder-failed", CallEventType.RECORDER_FAILED);

    private static final Set<String> LEGACY_EVENTS =
            Set.of("Dial", "Bridge", "Masquerade", "Rename", "Link", "Unlink", "Join");

    private final String source;
    private final ChannelNames names;
    private final LiveCalls live;
    private final int maxLiveCalls;
    private final CallEventListener listener;
    private final WarnOnce warnings = new WarnOnce(LOG);

    private final Map<String, Leg> legs = new HashMap<>();
    private final Map<String, Set<String>> bridges = new HashMap<>();
    private final Map<String, String> bridgeOf = new HashMap<>();
    private final Map<String, Conversation> open = new LinkedHashMap<>();

    private Instant at;
    private Instant lastStamp;
    private long line;

    CallTracker(String source, ChannelNames names, LiveCalls live, int maxLiveCalls,
            CallEventListener listener) {
        this.source = source;
        this.names = names;
        this.live = live;
        this.maxLiveCalls = maxLiveCalls;
        this.listener = listener;
    }

    /**
     * Maps one AMI event, delivering any neutral events it gives rise to.
     *
     * @throws MalformedEventException when its {@code Timestamp} cannot be read
     */
    void accept(AmiMessage message) throws MalformedEventException {
        line = message.line();
        Instant stamped = AmiTimestamps.parse(message.get("Timestamp"), source, line);
        at = stamped;
        if (stamped != null) {
            lastStamp = stamped;
        }

        String event = message.event();
        LOG.trace("AMI event {} at {}:{}", event, source, line);
        switch (event) {
            case "DialBegin" -> dialBegin(message);
            case "DialEnd" -> dialEnd(message);
            case "BridgeEnter" -> bridgeEnter(message);
            case "BridgeLeave" -> bridgeLeave(message);
            case "BlindTransfer" -> blindTransfer(message);
            case "AttendedTransfer" -> attendedTransfer(message);
            case "Hangup" -> hangup(message);
            case "Hold" -> hold(message, CallEventType.HOLD_STARTED);
            case "Unhold" -> hold(message, CallEventType.HOLD_ENDED);
            case "UserEvent" -> userEvent(message);
            case "MixMonitorStart", "MixMonitorStop", "MixMonitorMute" -> recorderNote(message);
            default -> legacyNote(event);
        }
    }

    /**
     * Ends every conversation still open, as the input has ended: each ends at the last
     * event read (its time, when the input had times, and its line).
     *
     * @param lastLine the last line read
     * @param detail why the calls end, for the {@code CALL_ENDED} events
     */
    void finish(long lastLine, String detail) {
        line = lastLine;
        at = lastStamp;
        for (Conversation call : new ArrayList<>(open.values())) {
            LOG.debug("call {}: input ended while the call was open", call.callId);
            end(call, detail);
        }
    }

    private void dialBegin(AmiMessage message) {
        String channel = required(message, "Channel");
        String dest = required(message, "DestChannel");
        if (channel == null || dest == null) {
            return;
        }

        Leg leg = legs.get(channel);
        if (leg == null) {
            leg = newLeg(channel, message);
            if (leg == null) {
                return;
            }
        }
        Conversation call = leg.call;
        addLinkedId(call, message.get("Linkedid"));
        track(leg, dest);
        if (channel.equals(leg.origin)) {
            leg.openOriginDials++;
            if (leg.dialled == null) {
                leg.dialled = number(message.get("DestCallerIDNum"), message.get("Exten"));
            }
        }
        if (!ChannelNames.isEndpoint(dest)) {
            return;
        }

        Party rung = call.parties.get(dest);
        if (rung == null) {
            rung = destParty(dest, message);
            call.parties.put(dest, rung);
        }
        if (!leg.started) {
            start(leg, dest, rung);
        } else if (isPickup(leg, message)) {
            call.pickupChannel = dest;
            LOG.debug("call {}: a dial to a channel from another linked id while the call"
                    + " rings is read as a pickup", call.callId);
        } else if (!leg.consultation) {
            call.lastRung = rung;
        }
    }

    // Limitation: a pickup is recognised only by the picker's channel having been created
    // under another linked id; a dialplan that dials a phone under a fresh linked id while
    // the call still rings would be read as a pickup too.
    private boolean isPickup(Leg leg, AmiMessage message) {
        Conversation call = leg.call;
        String destLinkedId = message.get("DestLinkedid");
        return !leg.consultation && !call.answered && call.lastRung != null
                && destLinkedId != null && !call.linkedIds.contains(destLinkedId);
    }

    private Leg newLeg(String channel, AmiMessage message) {
        // Limitation: Asterisk does not say that a dial is a consultation. A new dial by a
        // phone already talking on an answered call is read as one, so a second, unrelated
        // call made by that phone while the first is on hold is reported as a consultation,
        // and a second consultation while one is open starts a call of its own.
        Party party = originParty(channel, message);
        Conversation busy = names.isTrunk(channel) ? null : answeredCallOf(party, channel);
        if (busy != null && busy.consultation == null) {
            return consultationLeg(busy, channel, party, message);
        }

        String callId = callId(message);
        if (callId == null) {
            return null;
        }
        Conversation known = open.get(callId);
        if (known != null) {
            known.parties.putIfAbsent(channel, party);
            track(known.main, channel);
            return known.main;
        }
        return newConversation(callId, channel, party).main;
    }

    private Leg consultationLeg(Conversation call, String channel, Party party,
            AmiMessage message) {
        Leg leg = new Leg(call, true, channel);
        leg.caller = party;
        call.consultation = leg;
        call.parties.put(channel, party);
        track(leg, channel);
        addLinkedId(call, message.get("Linkedid"));
        LOG.debug("call {}: a new dial by a party already talking on the call is read as a"
                + " consultation leg", call.callId);
        return leg;
    }

    private Conversation newConversation(String callId, String channel, Party party) {
        if (open.size() >= maxLiveCalls) {
            Conversation oldest = open.values().iterator().next();
            warnings.log("evicted", "more than {} calls open at {}:{}; call {} is ended to make"
                    + " room", maxLiveCalls, source, line, oldest.callId);
            end(oldest, "ended by the adapter: more than " + maxLiveCalls + " calls open");
        }

        Conversation call = new Conversation(callId, channel);
        call.main.caller = party;
        call.parties.put(channel, party);
        call.customerChannel = channel;
        call.linkedIds.add(callId);
        open.put(callId, call);
        track(call.main, channel);
        if (!live.put(callId, channel)) {
            warnings.log("live-full", "call {}: no room to keep its channel for recording"
                    + " actions ({} calls open)", callId, live.size());
        }
        return call;
    }

    private void start(Leg leg, String dest, Party rung) {
        Conversation call = leg.call;
        leg.started = true;

        // A queue or ring group rings several phones at once: none of them was "the" called
        // party, so the number that was dialled stands for the called party instead.
        boolean parallel = leg.openOriginDials > 1 && leg.dialled != null;
        Party called = parallel ? Party.of(leg.dialled) : rung;
        leg.called = called;
        if (leg.consultation) {
            emit(CallEvent.consultation(CallEventType.CONSULTATION_STARTED, call.callId, at,
                    leg.caller, called));
            return;
        }

        call.lastRung = rung;
        Direction direction = names.isTrunk(leg.origin) ? Direction.INBOUND
                : names.isTrunk(dest) ? Direction.OUTBOUND
                : Direction.INTERNAL;
        if (direction == Direction.OUTBOUND) {
            setCustomerChannel(call, dest);
        }
        LOG.debug("call {}: started, {}, called party {}", call.callId, direction,
                parallel ? "is the dialled number (several phones rang)" : "is the phone rung");
        emit(CallEvent.started(call.callId, at, leg.caller, called, direction));
    }

    private void dialEnd(AmiMessage message) {
        String channel = message.get("Channel");
        String dest = message.get("DestChannel");
        Leg leg = channel == null ? null : legs.get(channel);
        if (leg == null || dest == null) {
            return;
        }

        if (channel.equals(leg.origin) && leg.openOriginDials > 0) {
            leg.openOriginDials--;
        }
        if (!"ANSWER".equals(message.get("DialStatus")) || !ChannelNames.isEndpoint(dest)) {
            return;
        }

        Conversation call = leg.call;
        Party answerer = call.parties.get(dest);
        if (answerer == null) {
            answerer = destParty(dest, message);
            call.parties.put(dest, answerer);
        }
        answeredBy(leg, dest, answerer);
    }

    private void answeredBy(Leg leg, String dest, Party answerer) {
        Conversation call = leg.call;
        if (leg.consultation) {
            LOG.debug("call {}: the consulted party answered the consultation leg",
                    call.callId);
        } else if (dest.equals(call.pickupChannel)) {
            call.pickupChannel = null;
            call.answered = true;
            LOG.debug("call {}: picked up by another phone, reported as a PICKUP transfer",
                    call.callId);
            emit(CallEvent.transferred(call.callId, at, call.lastRung, answerer,
                    TransferKind.PICKUP));
        } else if (call.blindTransferPending) {
            call.blindTransferPending = false;
            call.answered = true;
            LOG.debug("call {}: the target of a blind transfer answered", call.callId);
            emit(CallEvent.transferred(call.callId, at, call.blindTransferer, answerer,
                    TransferKind.BLIND));
        } else if (!call.answered) {
            call.answered = true;
            emit(CallEvent.answered(call.callId, at, answerer));
        } else {
            LOG.debug("call {}: a further answer with no transfer before it is not reported",
                    call.callId);
        }
    }

    private void bridgeEnter(AmiMessage message) {
        String channel = message.get("Channel");
        String bridge = message.get("BridgeUniqueid");
        if (channel == null || bridge == null) {
            return;
        }

        Leg leg = legs.get(channel);
        Set<String> members = bridges.get(bridge);
        if (leg == null) {
            if (members == null || members.isEmpty()) {
                return;
            }
            // A channel nobody dialled that is bridged with the call (an Originate, a
            // redirect) takes part in the conversation from now on.
            leg = legs.get(members.iterator().next());
            Party joined = null;
            if (ChannelNames.isEndpoint(channel)) {
                joined = originParty(channel, message);
                leg.call.parties.putIfAbsent(channel, joined);
            }
            track(leg, channel);
            LOG.debug("call {}: a channel joined by entering its bridge", leg.call.callId);
            if (joined != null && legs.get(channel) == leg) {
                // A phone or trunk that enters the call's bridge without being dialled by it
                // (a conference, a barge-in) is a new party, and the policy may care who.
                // Limitation: its hanging up while others stay is not reported as PARTY_LEFT.
                emit(CallEvent.ofParty(CallEventType.PARTY_JOINED, leg.call.callId, at,
                        joined));
            }
        }
        if (legs.get(channel) == leg) {
            leaveBridge(channel);
            bridges.computeIfAbsent(bridge, key -> new HashSet<>()).add(channel);
            bridgeOf.put(channel, bridge);
        }
    }

    private void bridgeLeave(AmiMessage message) {
        String channel = message.get("Channel");
        if (channel != null && message.get("BridgeUniqueid") != null
                && message.get("BridgeUniqueid").equals(bridgeOf.get(channel))) {
            leaveBridge(channel);
        }
    }

    private void leaveBridge(String channel) {
        String bridge = bridgeOf.remove(channel);
        if (bridge == null) {
            return;
        }
        Set<String> members = bridges.get(bridge);
        members.remove(channel);
        if (members.isEmpty()) {
            bridges.remove(bridge);
        }
    }

    private void blindTransfer(AmiMessage message) {
        if (!"Success".equalsIgnoreCase(message.get("Result"))) {
            LOG.debug("blind transfer at {}:{} did not succeed; nothing changes", source, line);
            return;
        }

        String transferer = message.get("TransfererChannel");
        String transferee = message.get("TransfereeChannel");
        Leg leg = transferee == null ? null : legs.get(transferee);
        if (leg == null && transferer != null) {
            leg = legs.get(transferer);
        }
        if (leg == null) {
            warnings.log("transfer-unknown", "blind transfer at {}:{} is for no known call;"
                    + " ignored", source, line);
            return;
        }

        // The transfer is reported when the target answers: only then does a new party
        // take part, and only then is it known which phone that is.
        // Limitation: a blind transfer whose target never answers is not reported at all.
        Conversation call = leg.call;
        call.blindTransferPending = true;
        call.blindTransferer = transferer == null ? null : call.parties.get(transferer);
        if (transferer != null && transferer.equals(call.customerChannel)) {
            setCustomerChannel(call, transferee);
        }
        LOG.debug("call {}: blind transfer made; waiting for the target to answer",
                call.callId);
    }

    private void attendedTransfer(AmiMessage message) {
        if (!"Success".equalsIgnoreCase(message.get("Result"))) {
            LOG.debug("attended transfer at {}:{} did not succeed", source, line);
            return;
        }

        String orig = message.get("OrigTransfererChannel");
        String second = message.get("SecondTransfererChannel");
        Leg origLeg = orig == null ? null : legs.get(orig);
        Leg secondLeg = second == null ? null : legs.get(second);
        if (origLeg == null || secondLeg == null) {
            warnings.log("transfer-unknown", "attended transfer at {}:{} joins a channel of"
                    + " no known call; ignored", source, line);
            return;
        }
        if (origLeg.call != secondLeg.call) {
            mergeCalls(origLeg.call, secondLeg.call, orig);
            return;
        }

        Conversation call = origLeg.call;
        Leg consultation = call.consultation;
        if (consultation == null || !consultation.started) {
            warnings.log("transfer-no-consultation", "call {}: attended transfer at {}:{}"
                    + " with no consultation leg seen; ignored", call.callId, source, line);
            return;
        }
        // State first, event second: the engine may send a recording command on TRANSFERRED,
        // and it must go to the party who stays, not to the agent who is leaving.
        Set<String> leaving = Set.of(orig, second);
        if (leaving.contains(call.customerChannel)) {
            String stays = anyEndpoint(call, leaving);
            setCustomerChannel(call, stays != null ? stays : call.customerChannel);
        }
        absorb(call, consultation);
        emit(CallEvent.transferred(call.callId, at, call.parties.get(orig),
                consultation.called, TransferKind.ATTENDED));
    }

    /**
     * An attended transfer between two calls that were not linked while they ran (the
     * consultation was dialled before the first call was answered, so it was not recognised
     * as one): the second call is merged into the first and ended under its own id.
     */
    private void mergeCalls(Conversation call, Conversation other, String transferer) {
        LOG.debug("call {}: attended transfer merges call {} into it", call.callId,
                other.callId);
        Party target = other.main.called;
        emit(CallEvent.transferred(call.callId, at, call.parties.get(transferer),
                target != null ? target : other.main.caller, TransferKind.ATTENDED));

        for (String channel : new ArrayList<>(other.channels)) {
            Party party = other.parties.get(channel);
            if (party != null) {
                call.parties.putIfAbsent(channel, party);
            }
            legs.remove(channel);
            track(call.main, channel);
        }
        call.linkedIds.addAll(other.linkedIds);
        other.channels.clear();
        emitEnd(other, "merged into call " + call.callId + " by an attended transfer");
    }

    private void absorb(Conversation call, Leg consultation) {
        for (String channel : consultation.channels) {
            legs.put(channel, call.main);
            call.main.channels.add(channel);
        }
        consultation.channels.clear();
        call.consultation = null;
    }

    private void hangup(AmiMessage message) {
        String channel = message.get("Channel");
        Leg leg = channel == null ? null : legs.remove(channel);
        if (leg == null) {
            return;
        }

        Conversation call = leg.call;
        leg.channels.remove(channel);
        call.channels.remove(channel);
        leaveBridge(channel);
        if (leg.consultation && leg.channels.isEmpty() && call.consultation == leg) {
            call.consultation = null;
            if (leg.started) {
                emit(CallEvent.consultation(CallEventType.CONSULTATION_ENDED, call.callId, at,
                        leg.caller, leg.called));
            }
        }
        String replacement = channel.equals(call.customerChannel)
                ? anyEndpoint(call, Set.of(channel)) : null;
        if (replacement != null) {
            // With no one left to move to, the old channel stays: the engine may still send
            // a StopMixMonitor for it when the call ends.
            setCustomerChannel(call, replacement);
        }
        if (call.channels.isEmpty()) {
            end(call, null);
        }
    }

    private void hold(AmiMessage message, CallEventType type) {
        String channel = message.get("Channel");
        Leg leg = channel == null ? null : legs.get(channel);
        Party party = leg == null ? null : leg.call.parties.get(channel);
        if (party == null) {
            warnings.log("hold-unknown", "{} at {}:{} is for no known party of a call; ignored",
                    message.event(), source, line);
            return;
        }
        emit(CallEvent.ofParty(type, leg.call.callId, at, party));
    }

    private void userEvent(AmiMessage message) {
        if (!"Callrec".equalsIgnoreCase(message.get("UserEvent"))) {
            return;
        }

        String signal = message.get("Signal");
        CallEventType type = signal == null ? null : SIGNALS.get(signal.toLowerCase(Locale.ROOT));
        if (type == null) {
            warnings.log("signal-unknown", "Callrec UserEvent at {}:{} has Signal '{}', which"
                    + " is none of {}; ignored", source, line, shown(signal),
                    SIGNALS.keySet());
            return;
        }
        Conversation call = callOf(message);
        if (call == null) {
            warnings.log("signal-no-call", "Callrec UserEvent at {}:{} names a channel of no"
                    + " open call; ignored", source, line);
            return;
        }
        String staffId = message.get("StaffId");
        if (staffId != null && !staffId.matches("[A-Za-z0-9._:@-]{1,64}")) {
            warnings.log("staff-id", "Callrec UserEvent at {}:{} has a StaffId that is not 1"
                    + " to 64 letters, digits or ._:@-; ignored", source, line);
            return;
        }

        LOG.debug("call {}: Callrec signal {}", call.callId, type);
        if (type == CallEventType.RECORDER_FAILED) {
            // Asterisk raises no event of its own when MixMonitor fails mid-call, so whatever
            // watches the recorder (a dialplan hook, a monitor script) says so by this signal.
            emit(CallEvent.withDetail(type, call.callId, at, "recorder-failed signal"));
        } else if (type == CallEventType.NOTICE_PLAYED) {
            String prompt = message.get("Prompt");
            emit(CallEvent.withDetail(type, call.callId, at, prompt != null
                    && prompt.matches("[A-Za-z0-9._/-]{1,200}") ? prompt : "notice-played"));
        } else {
            emit(CallEvent.signal(type, call.callId, at, staffId));
        }
    }

    private Conversation callOf(AmiMessage message) {
        String channel = message.get("Channel");
        Leg leg = channel == null ? null : legs.get(channel);
        if (leg != null) {
            return leg.call;
        }
        String linkedId = message.get("Linkedid");
        for (Conversation call : open.values()) {
            if (linkedId != null && call.linkedIds.contains(linkedId)) {
                return call;
            }
        }
        return null;
    }

    private void recorderNote(AmiMessage message) {
        String channel = message.get("Channel");
        Leg leg = channel == null ? null : legs.get(channel);
        LOG.debug("call {}: Asterisk reports {}; noted, the engine's commands are the record",
                leg == null ? "unknown" : leg.call.callId, message.event());
    }

    private void legacyNote(String event) {
        if (LEGACY_EVENTS.contains(event)) {
            // Limitation: events of Asterisk before 12 (Dial, Bridge, Masquerade, Rename) are
            // read but not mapped, so a capture from such a system gives no call events.
            warnings.log("legacy", "event {} at {}:{} comes from Asterisk before 12 and is not"
                    + " mapped", event, source, line);
        }
    }

    private void end(Conversation call, String detail) {
        if (!call.main.started) {
            // Never reached a phone or the trunk (the dialplan gave up first): the call still
            // began, with the number dialled as the called party.
            call.main.started = true;
            String called = call.main.dialled != null ? call.main.dialled : "unknown";
            Direction direction = names.isTrunk(call.main.origin) ? Direction.INBOUND
                    : Direction.INTERNAL;
            emit(CallEvent.started(call.callId, at, call.main.caller, Party.of(called),
                    direction));
        }
        for (String channel : call.channels) {
            legs.remove(channel);
            leaveBridge(channel);
        }
        emitEnd(call, detail);
    }

    private void emitEnd(Conversation call, String detail) {
        open.remove(call.callId);
        emit(CallEvent.withDetail(CallEventType.CALL_ENDED, call.callId, at, detail));

        // Forgotten only after delivery: the engine may still stop the recording on CALL_ENDED.
        live.remove(call.callId);
    }

    private void track(Leg leg, String channel) {
        if (legs.get(channel) == leg) {
            return;
        }
        if (leg.call.channels.size() >= MAX_CHANNELS_PER_CALL) {
            warnings.log("channels", "call {}: more than {} channels; further ones at {}:{} are"
                    + " not tracked", leg.call.callId, MAX_CHANNELS_PER_CALL, source, line);
            return;
        }
        legs.put(channel, leg);
        leg.channels.add(channel);
        leg.call.channels.add(channel);

        // Audio passes between the two halves of a Local pair, so both carry the same call.
        String partner = ChannelNames.localPartner(channel);
        if (partner != null && !legs.containsKey(partner)) {
            track(leg, partner);
        }
    }

    private void addLinkedId(Conversation call, String linkedId) {
        if (linkedId != null && call.linkedIds.size() < MAX_CHANNELS_PER_CALL) {
            call.linkedIds.add(linkedId);
        }
    }

    private void setCustomerChannel(Conversation call, String channel) {
        call.customerChannel = channel;
        if (open.containsKey(call.callId)) {
            live.put(call.callId, channel);
        }
    }

    private String anyEndpoint(Conversation call, Set<String> except) {
        String found = null;
        for (String channel : call.main.channels) {
            if (!except.contains(channel) && ChannelNames.isEndpoint(channel)) {
                if (names.isTrunk(channel)) {
                    return channel;
                }
                found = found == null ? channel : found;
            }
        }
        return found;
    }

    private Conversation answeredCallOf(Party party, String channel) {
        if (party == null) {
            return null;
        }
        for (Conversation call : open.values()) {
            if (!call.answered) {
                continue;
            }
            for (String member : call.main.channels) {
                if (!member.equals(channel) && party.equals(call.parties.get(member))) {
                    return call;
                }
            }
        }
        return null;
    }

    private String callId(AmiMessage message) {
        String linkedId = message.get("Linkedid");
        if (linkedId == null) {
            linkedId = message.get("Uniqueid");
        }
        if (linkedId == null || !CallEvent.CALL_ID_PATTERN.matcher(linkedId).matches()) {
            warnings.log("call-id", "{} at {}:{} has no Linkedid usable as a call id ({});"
                    + " ignored", message.event(), source, line,
                    linkedId == null ? "missing" : "not 1 to 96 letters, digits or ._:-");
            return null;
        }
        return linkedId;
    }

    private Party originParty(String channel, AmiMessage message) {
        if (names.isTrunk(channel) || !ChannelNames.isEndpoint(channel)) {
            return party(number(message.get("CallerIDNum"), null));
        }
        return party(ChannelNames.peer(channel));
    }

    private Party destParty(String dest, AmiMessage message) {
        if (names.isTrunk(dest)) {
            return party(number(message.get("DestCallerIDNum"), message.get("Exten")));
        }
        return party(ChannelNames.peer(dest));
    }

    private Party party(String address) {
        try {
            return Party.of(address == null ? "anonymous" : address);
        } catch (IllegalArgumentException e) {
            warnings.log("address", "an address at {}:{} is not usable ({}); read as"
                    + " anonymous", source, line, e.getMessage());
            return Party.of("anonymous");
        }
    }

    private static String number(String first, String fallback) {
        for (String value : new String[] {first, fallback}) {
            if (value != null && !value.isBlank() && !value.equals("<unknown>")) {
                return value;
            }
        }
        return null;
    }

    private String required(AmiMessage message, String key) {
        String value = message.get(key);
        if (value == null || value.isEmpty()) {
            warnings.log("field-missing", "{} at {}:{} has no {} field; ignored",
                    message.event(), source, line, key);
            return null;
        }
        return value;
    }

    private static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        String clean = value.replaceAll("[^A-Za-z0-9._-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    private void emit(CallEvent event) {
        CallEvent placed = event.from(source + ":" + line);
        LOG.trace("delivering {}", placed);
        listener.onEvent(placed);
    }

    /** One conversation: the channels of one call, with what is known about its parties. */
    private static final class Conversation {
        final String callId;
        final Leg main;
        final Set<String> linkedIds = new HashSet<>();
        final Set<String> channels = new LinkedHashSet<>();
        final Map<String, Party> parties = new HashMap<>();
        Leg consultation;
        boolean answered;
        Party lastRung;
        String pickupChannel;
        boolean blindTransferPending;
        Party blindTransferer;
        String customerChannel;

        Conversation(String callId, String origin) {
            this.callId = callId;
            this.main = new Leg(this, false, origin);
        }
    }

    /** The main leg of a conversation, or a consultation leg inside it. */
    private static final class Leg {
        final Conversation call;
        final boolean consultation;
        final String origin;
        final Set<String> channels = new LinkedHashSet<>();
        int openOriginDials;
        String dialled;
        boolean started;
        Party caller;
        Party called;

        Leg(Conversation call, boolean consultation, String origin) {
            this.call = call;
            this.consultation = consultation;
            this.origin = origin;
        }
    }
}
