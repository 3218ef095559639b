/**
 * What-if runs: the stored decision inputs of past calls (their events and the directory answers
 * they were decided on, which the catalogue keeps with each call, never audio) replayed through
 * a new policy version, and compared with what was decided then. Nothing stored is changed.
 *
 * <p>{@link org.callrec.core.whatif.WhatIf} replays and compares one call at a time, on a
 * {@link org.callrec.core.whatif.StoredAnswersDirectory}; a
 * {@link org.callrec.core.whatif.CallChange} says how one call would differ, and a
 * {@link org.callrec.core.whatif.WhatIfReport} sums them up, with calls the new policy would
 * start recording called out first.
 */
package org.callrec.core.whatif;
