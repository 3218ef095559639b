package org.callrec.core.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.vault.InMemoryCatalogue;
import org.callrec.core.vault.InMemoryStorageBackend;
import org.callrec.core.vault.LocalKeysetKeyProvider;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.call.TransferKind;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.telephony.CallEventListener;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path folder;

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final InMemoryCatalogue catalogue = new InMemoryCatalogue();
    private final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    private final RecordingAdapter adapter = new RecordingAdapter();
    private CallRecorder recorder;

    @BeforeEach
    void buildRecorder() throws IOException {
        adapter.audio = Files.write(folder.resolve("span.wav"), new byte[] {1, 2, 3, 4, 5});
        RecordingVault vault = new RecordingVault(storage,
                new LocalKeysetKeyProvider(folder.resolve("keys/keyset")), catalogue, clock);
        DecisionEngine engine = new DecisionEngine(
                org.callrec.core.decision.EngineFixturesAccess.policy(),
                org.callrec.core.decision.EngineFixturesAccess.directory(), clock);
        recorder = new CallRecorder(engine, adapter, vault, catalogue);
    }

    @Test
    void storesAClosedSpanThenReleasesTheAdaptersCopy() {
        recorder.handle(CallEvent.started("c1", T0, Party.of("201"), Party.of("202"),
                Direction.INTERNAL));
        recorder.handle(CallEvent.answered("c1", T0.plusSeconds(5), Party.of("202")));

        TimelineEntry stop = recorder.handle(CallEvent.transferred("c1", T0.plusSeconds(60),
                Party.of("202"), Party.of("203"), TransferKind.BLIND));

        assertEquals(1, stop.stored().size());
        RecordingEntry stored = stop.stored().get(0);
        assertEquals(List.of("c1-s1"), adapter.released);
        assertEquals(T0.plusSeconds(5), stored.spanStartedAt());
        assertEquals(T0.plusSeconds(60), stored.spanEndedAt());
        assertTrue(catalogue.findCall("c1").isPresent(), "call metadata catalogued first");
        assertEquals(List.of("START_RECORDING:c1-s1", "STOP_RECORDING:c1-s1"), adapter.executed);
    }

    @Test
    void cataloguesTheEndedCallWithItsRetentionDeadline() {
        recorder.handle(CallEvent.started("c2", T0, Party.of("201"), Party.of("202"),
                Direction.INTERNAL));
        recorder.handle(CallEvent.answered("c2", T0.plusSeconds(5), Party.of("202")));

        TimelineEntry ended = recorder.handle(CallEvent.withDetail(CallEventType.CALL_ENDED,
                "c2", T0.plusSeconds(90), null));

        Instant deadline = T0.plusSeconds(90).plus(Duration.ofDays(90));
        assertEquals(Optional.of(deadline), catalogue.retentionDeadline("c2"));
        assertEquals(deadline, catalogue.recordings().get(0).retentionDeadline());
        assertTrue(ended.notes().contains("catalogued; retention deadline " + deadline));
    }

    @Test
    void keepsTheAdaptersCopyWhenTheSpanCannotBeStored() throws IOException {
        Files.delete(adapter.audio);
        adapter.audio = folder.resolve("span.wav");
        Files.createDirectory(adapter.audio);
        recorder.handle(CallEvent.started("c3", T0, Party.of("201"), Party.of("202"),
                Direction.INTERNAL));
        recorder.handle(CallEvent.answered("c3", T0.plusSeconds(5), Party.of("202")));

        TimelineEntry stop = recorder.handle(CallEvent.withDetail(CallEventType.CALL_ENDED,
                "c3", T0.plusSeconds(30), null));

        assertEquals(List.of(), stop.stored());
        assertEquals(List.of(), adapter.released);
        assertTrue(stop.notes().stream().anyMatch(n -> n.contains("NOT stored")), stop.notes()
                .toString());
        assertEquals(List.of(), catalogue.recordings());
    }

    /** A telephony adapter fake that remembers what it was asked to do. */
    private static final class RecordingAdapter implements TelephonyAdapter {
        final List<String> executed = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        Path audio;

        @Override
        public void read(InputStream input, String sourceName, CallEventListener listener) {
            throw new UnsupportedOperationException("events are handed in directly");
        }

        @Override
        public String execute(RecordingCommand command) {
            executed.add(command.type() + ":" + command.spanId());
            return command.toString();
        }

        @Override
        public Optional<Path> spanAudio(String callId, String spanId) {
            return Optional.of(audio);
        }

        @Override
        public String releaseSpanAudio(String callId, String spanId) {
            released.add(spanId);
            return "released " + spanId;
        }

        @Override
        public void close() {
        }
    }
}
