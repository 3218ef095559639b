/**
 * Seeded random inputs for property and fuzz tests: a failure names the seed that replays it.
 */
package org.callrec.testkit.fuzz;
