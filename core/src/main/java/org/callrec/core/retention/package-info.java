/**
 * Retention and holds (clauses 4.2 and 4.4): how long recordings live and what keeps them longer.
 *
 * <p>{@link org.callrec.core.retention.RecordingDisposal} is the one way a recording is deleted,
 * whatever asks for it ({@link org.callrec.core.retention.DeletionPath}): the sweep, a manual
 * delete, an erasure request, a bulk job, or a caller's objection. It passes every request
 * through the {@link org.callrec.core.retention.DeletionGuard}, which refuses a held recording,
 * and then destroys the wrapped data key, deletes the object and records a receipt, auditing
 * each step before it is taken. {@link org.callrec.core.retention.RetentionSweep} finds what is
 * past its deadline and disposes of it; {@link org.callrec.core.retention.Holds} places and
 * releases holds for authorised roles and reports those past their review date.
 */
package org.callrec.core.retention;
