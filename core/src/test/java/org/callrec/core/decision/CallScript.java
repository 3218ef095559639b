package org.callrec.core.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.TransferKind;

/** Feeds one call's events to an engine, ten seconds apart, and keeps the answers. */
final class CallScript {
    private final DecisionEngine engine;
    private final String callId;
    private final List<EngineAnswer> answers = new ArrayList<>();
    private Instant now = EngineFixtures.T0;

    CallScript(DecisionEngine engine, String callId) {
        this.engine = engine;
        this.callId = callId;
    }

    EngineAnswer start(String caller, String called, Direction direction) {
        return send(CallEvent.started(callId, tick(), Party.of(caller), Party.of(called),
                direction));
    }

    EngineAnswer answer(String answerer) {
        return send(CallEvent.answered(callId, tick(), Party.of(answerer)));
    }

    EngineAnswer transfer(String from, String to, TransferKind kind) {
        return send(CallEvent.transferred(callId, tick(), from == null ? null : Party.of(from),
                Party.of(to), kind));
    }

    EngineAnswer party(CallEventType type, String address) {
        return send(CallEvent.ofParty(type, callId, tick(), Party.of(address)));
    }

    EngineAnswer consult(String agent, String target) {
        return send(CallEvent.consultation(CallEventType.CONSULTATION_STARTED, callId, tick(),
                Party.of(agent), Party.of(target)));
    }

    EngineAnswer signal(CallEventType type) {
        return send(CallEvent.signal(type, callId, tick(), "s202"));
    }

    EngineAnswer noticePlayed() {
        return send(CallEvent.withDetail(CallEventType.NOTICE_PLAYED, callId, tick(),
                "this-call-may-be-monitored-or-recorded"));
    }

    EngineAnswer end() {
        return send(CallEvent.withDetail(CallEventType.CALL_ENDED, callId, tick(), null));
    }

    EngineAnswer send(CallEvent event) {
        EngineAnswer answer = engine.decide(event);
        answers.add(answer);
        return answer;
    }

    Instant now() {
        return now;
    }

    /** Returns every command sent for this call so far, in order. */
    List<CommandType> commands() {
        List<CommandType> all = new ArrayList<>();
        answers.forEach(a -> a.decision().commands().forEach(c -> all.add(c.type())));
        return all;
    }

    private Instant tick() {
        now = now.plusSeconds(10);
        return now;
    }
}
