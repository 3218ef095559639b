package org.callrec.core.retention;

import java.util.List;
import java.util.Objects;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.Hold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one check every deleting path passes (clause 4.4): a recording with an active hold is not
 * deleted, whoever asks and however. Held recordings are asked about from the catalogue at the
 * moment of deletion, never from a cache, so a hold placed a moment ago counts.
 */
public final class DeletionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DeletionGuard.class);

    private final Catalogue catalogue;

    /** Creates the guard over the catalogue that keeps holds. */
    public DeletionGuard(Catalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /**
     * Returns normally when the recording may be deleted by the path.
     *
     * @throws RecordingOnHoldException naming the recording, its holds and the path when it is
     *     held
     */
    public void check(String recordingId, DeletionPath path) {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(path, "path");

        List<String> holds = catalogue.holdsOf(recordingId).stream()
                .filter(Hold::isActive)
                .map(Hold::holdId)
                .toList();
        if (!holds.isEmpty()) {
            LOG.warn("Refused to delete held recording {} by the {} path (holds {})",
                    recordingId, path.label(), holds);
            throw new RecordingOnHoldException(recordingId, holds, path);
        }
    }
}
