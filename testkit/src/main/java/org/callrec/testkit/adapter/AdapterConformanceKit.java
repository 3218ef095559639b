package org.callrec.testkit.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.decision.EngineAnswer;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.junit.jupiter.api.Test;

/**
 * The contract every telephony adapter meets: for each {@link AdapterScenario}, the adapter's
 * events, decided under the shipped policy and the kit's staff directory, yield the scenario's
 * commands in order, the first decision that stops recording cites the expected clause, and the
 * expected number of recorded spans is closed.
 *
 * <p>Extend it in a JUnit 5 test and implement {@link #adapter()} and {@link #input}. There is
 * no way to leave a scenario out: an adapter that cannot express one fails it, with a message
 * that shows every decision taken.
 */
public abstract class AdapterConformanceKit {
    private static final String POLICY = "policy.yaml";
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    /** Creates the kit. */
    protected AdapterConformanceKit() {
    }

    /**
     * Creates a fresh adapter under test; called once per scenario.
     *
     * @return the adapter, which the kit closes after reading
     */
    protected abstract TelephonyAdapter adapter();

    /**
     * Opens the platform's input for a scenario, using the addresses that {@link AdapterScenario}
     * names.
     *
     * @param scenario the scenario to play
     * @return the input, which the kit closes
     * @throws IOException when the input cannot be opened
     */
    protected abstract InputStream input(AdapterScenario scenario) throws IOException;

    @Test
    void blindTransferToHrStopsRecording() throws IOException {
        play(AdapterScenario.BLIND_TRANSFER_TO_HR);
    }

    @Test
    void blindTransferToARepairsAgentKeepsRecording() throws IOException {
        play(AdapterScenario.BLIND_TRANSFER_TO_REPAIRS);
    }

    @Test
    void attendedTransferToHrStopsRecording() throws IOException {
        play(AdapterScenario.ATTENDED_TRANSFER_TO_HR);
    }

    @Test
    void attendedTransferToARepairsAgentKeepsRecording() throws IOException {
        play(AdapterScenario.ATTENDED_TRANSFER_TO_REPAIRS);
    }

    @Test
    void failedTransferReturnsToTheFirstAgentAndKeepsRecording() throws IOException {
        play(AdapterScenario.FAILED_TRANSFER_RETURNS_TO_FIRST_AGENT);
    }

    @Test
    void holdPausesAndResumesRecording() throws IOException {
        play(AdapterScenario.HOLD);
    }

    @Test
    void hrJoiningInConferenceStopsRecording() throws IOException {
        play(AdapterScenario.CONFERENCE_WITH_HR);
    }

    @Test
    void sensitiveInformationPausesUntilConsentThenTransferKeepsRecording() throws IOException {
        play(AdapterScenario.CONSENT_THEN_TRANSFER);
    }

    @Test
    void recorderCrashClosesTheSpanAndStartsANewOne() throws IOException {
        play(AdapterScenario.RECORDER_CRASH);
    }

    /**
     * Plays one scenario: reads the adapter's events and decides them, then compares.
     *
     * @param scenario the scenario
     * @throws IOException when the input cannot be read
     */
    protected final void play(AdapterScenario scenario) throws IOException {
        List<CallEvent> events = new ArrayList<>();
        TelephonyAdapter adapter = adapter();
        try (InputStream input = input(scenario)) {
            adapter.read(input, scenario.name(), events::add);
        } finally {
            adapter.close();
        }

        DecisionEngine engine = new DecisionEngine(policy(), directory(scenario.desk203()),
                new SteppingClock(START));
        List<EngineAnswer> answers = events.stream().map(engine::decide)
                .collect(Collectors.toList());

        assertTimeline(scenario, answers);
    }

    private static void assertTimeline(AdapterScenario scenario, List<EngineAnswer> answers) {
        List<Decision> decisions = answers.stream().map(EngineAnswer::decision)
                .collect(Collectors.toList());
        List<CommandType> commands = decisions.stream()
                .flatMap(d -> d.commands().stream()).map(RecordingCommand::type)
                .collect(Collectors.toList());
        Optional<Decision> stop = decisions.stream()
                .filter(d -> d.commands().stream()
                        .anyMatch(c -> c.type() == CommandType.STOP_RECORDING))
                .findFirst();
        String shown = "scenario " + scenario + " (203 is " + scenario.desk203() + ")\n"
                + describe(decisions);

        assertFalse(decisions.isEmpty(), "the adapter gave no events for " + shown);
        assertEquals(scenario.commands(), commands, "commands in order for " + shown);
        assertEquals(Optional.of(true),
                stop.map(d -> d.clauses().contains(scenario.stopClause())),
                "the first stopping decision cites clause " + scenario.stopClause() + " for "
                        + shown);
        assertEquals(scenario.spans(), answers.stream().filter(a -> a.span().isPresent()).count(),
                "recorded spans closed for " + shown);
    }

    private static String describe(List<Decision> decisions) {
        StringBuilder text = new StringBuilder("decisions:\n");
        for (Decision d : decisions) {
            text.append("  ").append(d.event().type())
                    .append(" @").append(d.event().source())
                    .append(" -> ").append(d.commands().stream().map(c -> c.type().name())
                            .collect(Collectors.toList()))
                    .append(' ').append(d.citation()).append('\n');
        }
        return text.toString();
    }

    private static Policy policy() throws IOException {
        try (InputStream in = AdapterConformanceKit.class.getResourceAsStream(POLICY)) {
            if (in == null) {
                throw new IllegalStateException("the kit's " + POLICY + " is missing");
            }
            return new PolicyLoader(Clock.fixed(START, ZoneOffset.UTC)).load(in, POLICY);
        }
    }

    /**
     * The kit's staff directory: 201 in Reception, 202 in Responsive Repairs, and 203 in HR or
     * Responsive Repairs as the scenario says. Each phone is found by its account and its
     * extension.
     */
    static StaffDirectory directory(AdapterScenario.Desk203 desk203) {
        StaffMember reception = new StaffMember("staff-201", Set.of("reception"), Set.of());
        StaffMember repairs = new StaffMember("staff-202", Set.of("responsive-repairs"),
                Set.of());
        StaffMember third = new StaffMember("staff-203",
                Set.of(desk203 == AdapterScenario.Desk203.HR ? "hr" : "responsive-repairs"),
                Set.of());
        Map<String, StaffMember> byAddress = Map.of(
                "150010001", reception, "201", reception,
                "150010002", repairs, "202", repairs,
                "150010003", third, "203", third);
        return address -> Optional.ofNullable(byAddress.get(address));
    }

    /**
     * A clock that moves on a second each time it is read, so that events without a time of
     * their own are stamped in the order they came.
     */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the kit's clock is in UTC");
        }

        @Override
        public Instant instant() {
            now = now.plus(Duration.ofSeconds(1));
            return now;
        }
    }
}
