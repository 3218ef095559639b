package org.callrec.spi.call;

import java.util.Objects;

/**
 * A command from the engine to a telephony adapter about one span of a call's recording.
 *
 * @param type what to do; never null
 * @param callId the call; never null
 * @param spanId the recording span the command is about (for {@link CommandType#PLAY_NOTICE},
 *     the span it precedes, or null)
 */
public record RecordingCommand(CommandType type, String callId, String spanId) {
    /** Creates a command. */
    public RecordingCommand {
        Objects.requireNonNull(type, "type");
        CallEvent.requireCallId(callId);
    }

    @Override
    public String toString() {
        return type + (spanId == null ? "" : "(" + spanId + ")");
    }
}
