/**
 * The policy scenario API for JUnit 5: a fluent builder that reads like the policy, runs the call
 * through the real decision engine and fails with the same readable difference as
 * {@code callrec verify-policy}.
 *
 * <pre>{@code
 * Scenario.call().from(number("07700900101")).to(team("responsive-repairs"))
 *         .noticePlayed()
 *         .answeredBy(team("responsive-repairs")).expect().recordingStarted().citing("3.2")
 *         .transferred(BLIND).to(team("hr")).expect().recordingStopped().citing("3.3")
 *         .ended()
 *         .verify(policy, staff);
 * }</pre>
 */
package org.callrec.testkit.scenario;
