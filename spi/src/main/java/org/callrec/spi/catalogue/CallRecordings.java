package org.callrec.spi.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * A catalogued call with its recordings, as a subject access request reads them (clause 4.4):
 * the record says who took part and on what lawful basis, the recordings are what is exported.
 *
 * @param call the record of the call; never null
 * @param recordings the call's recordings in span order; never null, empty when it has none
 */
public record CallRecordings(CallRecord call, List<RecordingEntry> recordings) {

    /** Creates the pair, copying the list. */
    public CallRecordings {
        Objects.requireNonNull(call, "call");
        recordings = List.copyOf(recordings);
    }
}
