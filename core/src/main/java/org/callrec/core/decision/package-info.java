/**
 * The per-call decision engine: it keeps one small state per live call, applies the policy to
 * each neutral call event and answers with commands for the telephony adapter and a
 * {@link org.callrec.spi.call.Decision} that cites the clause applied.
 *
 * <p>{@link org.callrec.core.decision.DecisionEngine} is the entry point. It is safe for use from
 * many threads: events of one call are decided one at a time, events of different calls in
 * parallel.
 */
package org.callrec.core.decision;
