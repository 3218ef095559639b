package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;

/**
 * What happens when sensitive personal information is discussed (clause 4.4): staff remind the
 * caller and flag it; recording pauses until explicit consent; consent resumes it; refusal, or
 * consent withdrawn later, stops it for the rest of the call.
 *
 * @param clause the clause this rule comes from
 * @param pauseUntilConsent whether recording pauses until consent (when false, the flag is only
 *     noted)
 */
public record SensitiveInformationRule(@NotBlank String clause, boolean pauseUntilConsent) {
}
