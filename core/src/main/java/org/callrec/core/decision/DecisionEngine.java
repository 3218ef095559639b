package org.callrec.core.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callrec.core.policy.Policy;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.directory.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a policy to neutral call events, one small state per live call, and answers each event
 * with commands for the telephony adapter and a {@link Decision} citing the clauses applied.
 *
 * <p>How the clauses are read:
 * <ul>
 *   <li>3.2: a call is recorded only while a member of a listed team is a party, in a listed
 *       direction; a call transferred into a listed team starts recording at the transfer.</li>
 *   <li>3.3: nothing is recorded while a member of a stopping team or role is a party, however
 *       they joined (answer, any transfer, pickup, conference); once they have joined, recording
 *       does not restart unless the policy allows it; consultation legs are never recorded.</li>
 *   <li>4.1: every party is classified internal (known to the staff directory) or external.</li>
 *   <li>4.3: a call with an external party needs evidence of notice (prompt played, announcing
 *       route, or attestation on an outbound call); the policy says whether recording waits for
 *       it or goes ahead flagged. Internal calls rest on the general staff notices.</li>
 *   <li>4.4: sensitive information pauses recording until explicit consent; consent resumes it;
 *       refusal, withdrawal or an objection stops it for the rest of the call.</li>
 *   <li>5.1: every call record carries the lawful basis and policy version; a child flag marks
 *       the call for the balancing test.</li>
 *   <li>Hold pauses recording; recorder failure closes the open span and starts a new one when
 *       the policy still allows recording.</li>
 * </ul>
 *
 * <p>Events that cannot be decided get a documented answer and never disturb other calls: an
 * event for a call that was never started or has ended, a second start of a live call, an event
 * earlier than the call's last one, an exact duplicate of the previous event, and events past
 * {@value #MAX_EVENTS_PER_CALL} for one call are all answered with an "ignored" decision that has
 * no commands. Events with no time are stamped from the injected clock.
 *
 * <p>Safe for use from many threads.
 */
public final class DecisionEngine {
    /** The most events one call may have; more are ignored, so one call cannot exhaust memory. */
    public static final int MAX_EVENTS_PER_CALL = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);
    private static final Duration ENDED_CALL_MEMORY = Duration.ofHours(1);

    private final Policy policy;
    private final StaffDirectory directory;
    private final Clock clock;
    private final PhoneNumbers numbers;
    private final Citations citations;
    private final ConcurrentMap<String, CallState> live = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> recentlyEnded;
    private final AtomicBoolean warnedIgnored = new AtomicBoolean();

    /**
     * Creates an engine that reads national phone numbers in the United Kingdom.
     *
     * @param policy the policy to apply; never null
     * @param directory the staff directory; never null
     * @param clock the clock that stamps events without a time; never null
     */
    public DecisionEngine(Policy policy, StaffDirectory directory, Clock clock) {
        this(policy, directory, clock, "GB");
    }

    /**
     * Creates an engine.
     *
     * @param policy the policy to apply; never null
     * @param directory the staff directory; never null
     * @param clock the clock that stamps events without a time; never null
     * @param defaultRegion the ISO 3166 region national phone numbers are read in, such as GB
     * @throws IllegalArgumentException when the region is unknown
     */
    public DecisionEngine(Policy policy, StaffDirectory directory, Clock clock,
            String defaultRegion) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.numbers = new PhoneNumbers(defaultRegion);
        this.citations = new Citations(policy);
        this.recentlyEnded = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(ENDED_CALL_MEMORY)
                .ticker(clockTicker(clock))
                .build();
    }

    /** Returns the policy this engine applies. */
    public Policy policy() {
        return policy;
    }

    /**
     * Decides one event.
     *
     * @param event the event; its time, when null, is taken from the clock
     * @return the answer, never null
     */
    public EngineAnswer decide(CallEvent event) {
        Objects.requireNonNull(event, "event");
        // Only an event without a time reads the clock: a clock may allocate on every read.
        CallEvent stamped = event.at() != null ? event : event.stampedAt(clock.instant());
        LOG.trace("event {}", stamped);

        CallState state = stateFor(stamped);
        if (state == null) {
            return ignored(stamped, stamped.type() == CallEventType.CALL_STARTED
                    ? "ignored: the call is already live or ended within the last hour"
                    : "ignored: no live call with this id");
        }

        EngineAnswer answer;
        synchronized (state) {
            String whyNot = state.isEnded() ? "ignored: the call has ended"
                    : state.eventCount() >= MAX_EVENTS_PER_CALL
                            ? "ignored: the call has reached " + MAX_EVENTS_PER_CALL + " events"
                            : state.reasonToIgnore(stamped);
            if (whyNot != null) {
                return ignored(stamped, whyNot);
            }
            answer = state.decide(stamped);
        }

        if (answer.endedCall() != null) {
            live.remove(state.callId(), state);
            recentlyEnded.put(state.callId(), Boolean.TRUE);
        }
        if (LOG.isDebugEnabled()) {
            // Guarded: the citation is a new string per event, built even when DEBUG is off.
            Decision decision = answer.decision();
            LOG.debug("call {} {} -> {} {}", decision.callId(), stamped.type(),
                    decision.commands(), decision.citation());
        }
        return answer;
    }

    /**
     * Answers an event with an "ignored" decision that has no commands, without creating or
     * changing any call's state. A recorder uses it for events it must not act on, such as the
     * events of a call that is already catalogued.
     *
     * @param event the event; its time, when null, is taken from the clock
     * @param reason why it is ignored, starting with {@code ignored:}; no personal data
     * @return the answer, never null
     */
    public EngineAnswer ignore(CallEvent event, String reason) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
        return ignored(event.stampedAt(clock.instant()), reason);
    }

    /** Returns the number of live calls. */
    public int liveCalls() {
        return live.size();
    }

    /** Returns the record of a live call as it stands, or empty when it is not live. */
    public Optional<CallRecord> snapshot(String callId) {
        CallState state = live.get(callId);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.of(state.toRecord(null));
        }
    }

    private CallState stateFor(CallEvent event) {
        if (event.type() != CallEventType.CALL_STARTED) {
            return live.get(event.callId());
        }
        if (recentlyEnded.getIfPresent(event.callId()) != null) {
            return null;
        }
        CallState fresh = new CallState(policy, directory, numbers, citations, event);
        CallState existing = live.putIfAbsent(event.callId(), fresh);
        return existing == null ? fresh : null;
    }

    private EngineAnswer ignored(CallEvent event, String reason) {
        if (warnedIgnored.compareAndSet(false, true)) {
            LOG.warn("call {}: {} {} (further ignored events are logged at DEBUG)",
                    event.callId(), event.type(), reason);
        } else {
            LOG.debug("call {}: {} {}", event.callId(), event.type(), reason);
        }
        Decision decision = new Decision(event.callId(), event.at(), event, List.of(),
                policy.version(), List.of(), reason);
        return new EngineAnswer(decision, null, null, false);
    }

    private static Ticker clockTicker(Clock clock) {
        return () -> {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
