package org.callrec.core.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/**
 * How callers must be told that calls are recorded (clause 4.3). A party outside the
 * organisation needs evidence of notice: the prompt was heard to play, the inbound route announces
 * before connecting (weaker, and marked so), or staff attested it on an outbound call. Staff on
 * internal calls are told by the general staff notices, which are dated statements.
 *
 * @param clause the clause this rule comes from
 * @param mode whether recording waits for evidence or goes ahead flagged
 * @param prompt the prompt the adapter plays to an inbound caller, or null to play none
 * @param announcingRoutes inbound addresses whose route announces before connecting
 * @param attestationOnOutbound whether staff attestation counts as notice on outbound calls
 */
public record NoticeRule(
        @NotBlank String clause,
        @NotNull NoticeMode mode,
        String prompt,
        @NotNull Set<@NotBlank String> announcingRoutes,
        boolean attestationOnOutbound) {

    /** Creates the rule, copying the set. */
    public NoticeRule {
        announcingRoutes = announcingRoutes == null ? null : Set.copyOf(announcingRoutes);
    }
}
