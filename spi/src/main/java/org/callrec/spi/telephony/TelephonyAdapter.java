package org.callrec.spi.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.callrec.spi.call.RecordingCommand;

/**
 * Connects one telephony platform to the engine: platform events in, neutral events out, and
 * recording commands back to the platform.
 *
 * <p>An adapter maps the platform's identifiers onto one call id per conversation (however many
 * channels carry it) and documents how. Events the platform gives without a time are delivered
 * with a null time; the caller stamps them from its clock. When input ends while calls are still
 * open, the adapter ends each of them with a {@code CALL_ENDED} event whose detail says so.
 *
 * <p>Implementations never log phone numbers or names.
 */
public interface TelephonyAdapter extends AutoCloseable {
    /**
     * Reads platform events until the end of the input, delivering neutral events in order.
     * Input is read in bounded pieces; a line or message over the adapter's limits is refused.
     *
     * @param input the platform's event stream; the caller closes it
     * @param sourceName the name used in error messages, such as a file name
     * @param listener receives each neutral event
     * @throws MalformedEventException naming the line when the input is not valid
     * @throws IOException when the input cannot be read
     */
    void read(InputStream input, String sourceName, CallEventListener listener) throws IOException;

    /**
     * Carries out a recording command on the platform; in replay it is written out, not sent.
     *
     * @return the platform action as sent or written, for the timeline; never null
     */
    String execute(RecordingCommand command);

    /**
     * Returns where the platform wrote the audio of a closed span, if it did. The file is the
     * adapter's own copy (its spool) until {@link #releaseSpanAudio} is called.
     */
    Optional<Path> spanAudio(String callId, String spanId);

    /**
     * Tells the adapter that a span's audio is safely stored and its own copy may go. Called
     * only after the recording is committed to storage and catalogue.
     *
     * @return a short note of what the adapter did, for the timeline
     */
    String releaseSpanAudio(String callId, String spanId);

    /** Releases resources. */
    @Override
    void close();
}
