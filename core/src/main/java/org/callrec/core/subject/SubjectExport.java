package org.callrec.core.subject;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What a subject access export wrote.
 *
 * @param folder the folder holding the audio and the manifest
 * @param manifest the manifest file
 * @param recordings how many recordings were exported
 * @param responseDeadline the date by which the response is due: one calendar month from the
 *     request, in the policy's time zone (clause 4.4)
 */
public record SubjectExport(Path folder, Path manifest, int recordings,
        LocalDate responseDeadline) {
}
