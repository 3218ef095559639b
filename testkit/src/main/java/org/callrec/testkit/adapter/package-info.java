/**
 * The conformance kit for telephony adapters: extend
 * {@link org.callrec.testkit.adapter.AdapterConformanceKit} in a JUnit 5 test, create the adapter
 * under test and supply the platform input of each {@link
 * org.callrec.testkit.adapter.AdapterScenario}. The kit runs the adapter's events through the
 * decision engine under the shipped policy and a directory of its own, and compares the commands
 * with each scenario's expected timeline.
 */
package org.callrec.testkit.adapter;
