/**
 * Demand analysis (clause 3.1, read with 5.3): figures about calls, never audio.
 * {@link org.callrec.core.demand.DemandReport} counts calls and sums their durations per team,
 * direction, hour of day and day, from catalogue metadata only.
 */
package org.callrec.core.demand;
