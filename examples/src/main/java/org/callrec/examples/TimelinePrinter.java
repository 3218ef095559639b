package org.callrec.examples;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.callrec.core.recorder.TimelineEntry;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.RecordingCommand;

/** Prints timeline entries one decision a line, with the actions and notes beneath. */
final class TimelinePrinter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private String lastCall;

    TimelinePrinter(PrintWriter out) {
        this.out = out;
    }

    void print(TimelineEntry entry) {
        Decision decision = entry.decision();
        if (!decision.callId().equals(lastCall)) {
            out.printf("call %s%n", decision.callId());
            lastCall = decision.callId();
        }

        String commands = decision.commands().stream().map(RecordingCommand::type)
                .map(Enum::name).reduce((a, b) -> a + "+" + b).orElse("-");
        out.printf("  %s  %-20s %-16s %s%n", TIME.format(decision.at()),
                decision.event().type(), commands, decision.citation());
        for (String action : entry.actions()) {
            out.printf("      -> %s%n", action.strip().replace("\r\n", " | ").replace("\n", " | "));
        }
        for (String note : entry.notes()) {
            out.printf("      .. %s%n", note);
        }
    }
}
