package org.callrec.core.recorder;

import java.util.List;
import java.util.Objects;
import org.callrec.spi.call.Decision;
import org.callrec.spi.catalogue.RecordingEntry;

/**
 * What happened for one event: the engine's decision, the platform actions carried out, the
 * recordings stored and any notes (audio released, a span that could not be stored).
 *
 * @param decision the decision; never null
 * @param actions the platform actions, as the adapter sent or wrote them; never null
 * @param stored the recordings committed for this event; never null
 * @param notes short notes with no personal data; never null
 */
public record TimelineEntry(
        Decision decision,
        List<String> actions,
        List<RecordingEntry> stored,
        List<String> notes) {

    /** Creates an entry, copying the lists. */
    public TimelineEntry {
        Objects.requireNonNull(decision, "decision");
        actions = List.copyOf(actions);
        stored = List.copyOf(stored);
        notes = List.copyOf(notes);
    }
}
