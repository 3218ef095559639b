package org.callrec.asterisk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.telephony.TelephonyAdapter;

/** Runs AMI input through an adapter and keeps what came out, for the tests. */
final class Replays {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    private Replays() {
    }

    static TelephonyAdapter adapter() {
        return adapter(Map.of());
    }

    static TelephonyAdapter adapter(Map<String, String> settings) {
        return new AsteriskAdapterProvider().create(ProviderConfig.of(settings, CLOCK));
    }

    /** Reads a real capture from the test resources (never from outside the project). */
    static List<CallEvent> capture(String name) {
        return capture(adapter(), name);
    }

    static List<CallEvent> capture(TelephonyAdapter adapter, String name) {
        try (InputStream input = resource("realdata/ami/raw/" + name + ".ami")) {
            return read(adapter, input, name + ".ami");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String path) {
        InputStream input = Replays.class.getClassLoader().getResourceAsStream(path);
        if (input == null) {
            throw new IllegalStateException("test resource missing: " + path);
        }
        return input;
    }

    static List<CallEvent> text(String ami) throws IOException {
        return read(adapter(), new ByteArrayInputStream(ami.getBytes(StandardCharsets.UTF_8)),
                "written.ami");
    }

    static List<CallEvent> read(TelephonyAdapter adapter, InputStream input, String source)
            throws IOException {
        List<CallEvent> events = new ArrayList<>();
        adapter.read(input, source, events::add);
        return events;
    }

    static List<CallEventType> types(List<CallEvent> events) {
        return events.stream().map(CallEvent::type).collect(Collectors.toList());
    }

    static Set<String> callIds(List<CallEvent> events) {
        return events.stream().map(CallEvent::callId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static CallEvent only(List<CallEvent> events, CallEventType type) {
        List<CallEvent> found = events.stream().filter(e -> e.type() == type)
                .collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " but found " + found.size()
                    + " in " + events);
        }
        return found.get(0);
    }

    /** A readable line per event, addresses shown, for failure messages and exploration. */
    static String describe(List<CallEvent> events) {
        Map<String, Integer> ids = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (CallEvent e : events) {
            int id = ids.computeIfAbsent(e.callId(), k -> ids.size() + 1);
            text.append("call").append(id).append(' ').append(e.type())
                    .append(e.party() == null ? "" : " party=" + e.party().address())
                    .append(e.target() == null ? "" : " target=" + e.target().address())
                    .append(e.direction() == null ? "" : " " + e.direction())
                    .append(e.transferKind() == null ? "" : " " + e.transferKind())
                    .append(e.staffId() == null ? "" : " staff=" + e.staffId())
                    .append(e.detail() == null ? "" : " detail=" + e.detail())
                    .append(" @").append(e.source()).append('\n');
        }
        return text.toString();
    }
}
