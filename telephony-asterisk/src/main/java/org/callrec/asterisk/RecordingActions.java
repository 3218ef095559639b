package org.callrec.asterisk;

import java.util.concurrent.atomic.AtomicLong;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.RecordingCommand;

/**
 * Writes the AMI action for a recording command, in wire format (CRLF lines, a blank line at
 * the end). Thread-safe.
 */
final class RecordingActions {
    private static final String CRLF = "\r\n";

    private final AtomicLong sequence = new AtomicLong();
    private final String noticeContext;
    private final String noticeExten;

    RecordingActions(String noticeContext, String noticeExten) {
        this.noticeContext = noticeContext;
        this.noticeExten = noticeExten;
    }

    /** Returns the spool file name MixMonitor is told to write for a span. */
    static String spoolFileName(String spanId) {
        return "callrec-" + spanId + ".wav";
    }

    /** Whether a span id is safe inside a file name and an AMI line. */
    static boolean usableSpanId(String spanId) {
        return spanId != null && CallEvent.CALL_ID_PATTERN.matcher(spanId).matches();
    }

    /**
     * Returns the action for a command on a channel.
     *
     * @return the action text, or a sentence saying why no action was written
     */
    String action(RecordingCommand command, String channel) {
        boolean needsSpan = switch (command.type()) {
            case START_RECORDING, PAUSE_RECORDING, RESUME_RECORDING, STOP_RECORDING -> true;
            case PLAY_NOTICE -> false;
        };
        if (needsSpan && !usableSpanId(command.spanId())) {
            return "no AMI action for " + command.type() + " of call " + command.callId()
                    + ": the span id is missing or not 1 to 96 letters, digits or ._:-";
        }

        StringBuilder text = new StringBuilder();
        switch (command.type()) {
            case START_RECORDING -> {
                line(text, "Action", "MixMonitor");
                line(text, "ActionID", actionId(command));
                line(text, "Channel", channel);
                line(text, "File", spoolFileName(command.spanId()));
            }
            case PAUSE_RECORDING, RESUME_RECORDING -> {
                line(text, "Action", "MixMonitorMute");
                line(text, "ActionID", actionId(command));
                line(text, "Channel", channel);
                line(text, "Direction", "both");
                line(text, "State", command.type() == CommandType.PAUSE_RECORDING ? "1" : "0");
            }
            case STOP_RECORDING -> {
                line(text, "Action", "StopMixMonitor");
                line(text, "ActionID", actionId(command));
                line(text, "Channel", channel);
            }
            case PLAY_NOTICE -> {
                // Limitation: Redirect takes the channel out of its dial or bridge; the notice
                // context's dialplan must play the prompt and route the call on itself.
                line(text, "Action", "Redirect");
                line(text, "ActionID", actionId(command));
                line(text, "Channel", channel);
                line(text, "Context", noticeContext);
                line(text, "Exten", noticeExten);
                line(text, "Priority", "1");
            }
        }
        return text.append(CRLF).toString();
    }

    private String actionId(RecordingCommand command) {
        return "callrec-" + command.callId() + "-" + sequence.incrementAndGet();
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append(": ").append(value).append(CRLF);
    }
}
