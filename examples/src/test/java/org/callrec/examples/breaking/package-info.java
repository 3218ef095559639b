/**
 * A test-only class outside core that uses one of core's internal packages on purpose, so that
 * the architecture test can show the rule rejects it. Never on the main class path.
 */
package org.callrec.examples.breaking;
