package org.callrec.core.subject;

import java.util.List;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.RecordingEntry;

/**
 * One recording found for a subject access request.
 *
 * @param recording the recording's catalogue entry
 * @param call the record of its call
 * @param role the person's part in the call: {@code caller}, {@code called}, {@code staff},
 *     {@code party} or {@code referenced}
 * @param otherParties the other parties, their numbers and addresses masked
 */
public record SubjectRecording(RecordingEntry recording, CallRecord call, String role,
        List<String> otherParties) {

    /** Creates a found recording, copying the list. */
    public SubjectRecording {
        otherParties = List.copyOf(otherParties);
    }
}
