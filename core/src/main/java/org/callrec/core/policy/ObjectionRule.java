package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;

/**
 * What happens when a caller objects to recording: recording stops for the rest of the call; what
 * was recorded before is kept and flagged, or discarded.
 *
 * @param clause the clause this rule comes from
 * @param keepEarlierRecording whether spans recorded before the objection are kept
 */
public record ObjectionRule(@NotBlank String clause, boolean keepEarlierRecording) {
}
