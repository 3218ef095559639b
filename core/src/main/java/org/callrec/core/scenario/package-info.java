/**
 * Call scenarios: a policy file tested like code. A scenario file (YAML) describes calls in the
 * policy's own terms (who calls whom by staff id, team, role or number; notice, answer,
 * transfers, sensitive information, consent, objection, child, conference, hold, end, recorder
 * failure; relative step times such as {@code +30s}) and the outcome each call must have: the
 * commands step by step, the clauses cited, the recorded spans, the flags and the retention
 * deadline.
 *
 * <p>{@link org.callrec.core.scenario.ScenarioLoader} reads a file into a
 * {@link org.callrec.core.scenario.ScenarioFile}, naming the line and the words understood for
 * every word it does not know. {@link org.callrec.core.scenario.ScenarioRunner} runs each call
 * through the real {@link org.callrec.core.decision.DecisionEngine} on a fixed clock and returns
 * a {@link org.callrec.core.scenario.ScenarioResult} that says pass, or shows the step that
 * diverged with the expected and the actual decision and the clause it cited.
 * {@link org.callrec.core.scenario.JunitXmlReport} writes results for a CI system.
 */
package org.callrec.core.scenario;
