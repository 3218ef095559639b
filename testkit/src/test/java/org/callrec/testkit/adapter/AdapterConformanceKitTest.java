package org.callrec.testkit.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.call.TransferKind;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.telephony.CallEventListener;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The kit itself: its directory, and that it fails an adapter whose events break the policy. */
class AdapterConformanceKitTest {
    private static final String CALL = "call-1";
    private static final Party RECEPTION = Party.of("150010001");
    private static final Party REPAIRS = Party.of("150010002");
    private static final Party DESK_203 = Party.of("150010003");

    @Test
    void extension203IsInHrOrInRepairsAsTheScenarioSays() {
        StaffDirectory hr = AdapterConformanceKit.directory(AdapterScenario.Desk203.HR);
        StaffDirectory repairs = AdapterConformanceKit.directory(
                AdapterScenario.Desk203.REPAIRS);

        assertTrue(hr.find("150010003").orElseThrow().isInTeam("hr"));
        assertTrue(repairs.find("203").orElseThrow().isInTeam("responsive-repairs"));
        assertTrue(hr.find("150010001").orElseThrow().isInTeam("reception"));
        assertEquals(Optional.empty(), hr.find("+447700900101"));
    }

    @Test
    void adapterThatLosesTheTransferToHrFailsShowingTheScenarioAndEachDecision() {
        AdapterConformanceKit kit = kitOf(List.of(
                CallEvent.started(CALL, null, RECEPTION, REPAIRS, Direction.INTERNAL),
                CallEvent.answered(CALL, null, REPAIRS),
                CallEvent.withDetail(CallEventType.CALL_ENDED, CALL, null, null)));

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> kit.play(AdapterScenario.BLIND_TRANSFER_TO_HR));

        assertTrue(e.getMessage().contains("scenario BLIND_TRANSFER_TO_HR (203 is HR)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ANSWERED @test:2 -> [START_RECORDING]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("CALL_ENDED @test:3 -> [STOP_RECORDING]"),
                e.getMessage());
    }

    @Test
    void adapterThatReportsTheTransferToHrPassesItsScenario() throws Exception {
        AdapterConformanceKit kit = kitOf(List.of(
                CallEvent.started(CALL, null, RECEPTION, REPAIRS, Direction.INTERNAL),
                CallEvent.answered(CALL, null, REPAIRS),
                CallEvent.transferred(CALL, null, REPAIRS, DESK_203, TransferKind.BLIND),
                CallEvent.withDetail(CallEventType.CALL_ENDED, CALL, null, null)));

        kit.play(AdapterScenario.BLIND_TRANSFER_TO_HR);
        kit.play(AdapterScenario.BLIND_TRANSFER_TO_REPAIRS);

        assertThrows(AssertionFailedError.class, () -> kit.play(AdapterScenario.HOLD),
                "a transfer is not a hold: no pause, so the hold scenario fails");
    }

    private static AdapterConformanceKit kitOf(List<CallEvent> events) {
        return new AdapterConformanceKit() {
            @Override
            protected TelephonyAdapter adapter() {
                return new InMemoryAdapter(events);
            }

            @Override
            protected InputStream input(AdapterScenario scenario) {
                return new ByteArrayInputStream(new byte[0]);
            }
        };
    }

    /** A fake adapter that ignores its input and delivers events it was given. */
    private static final class InMemoryAdapter implements TelephonyAdapter {
        private final List<CallEvent> events;

        InMemoryAdapter(List<CallEvent> events) {
            this.events = events;
        }

        @Override
        public void read(InputStream input, String sourceName, CallEventListener listener) {
            for (int i = 0; i < events.size(); i++) {
                listener.onEvent(events.get(i).from("test:" + (i + 1)));
            }
        }

        @Override
        public String execute(RecordingCommand command) {
            return command.toString();
        }

        @Override
        public Optional<Path> spanAudio(String callId, String spanId) {
            return Optional.empty();
        }

        @Override
        public String releaseSpanAudio(String callId, String spanId) {
            return "nothing held";
        }

        @Override
        public void close() {
        }
    }
}
