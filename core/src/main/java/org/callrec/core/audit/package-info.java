/**
 * The tamper-evident audit trail: {@link org.callrec.core.audit.FileAuditSink} appends entries
 * to a local file, each chained to the one before by SHA-256, and
 * {@link org.callrec.core.audit.AuditTrailVerifier} names the first entry that does not fit the
 * chain after an edit, deletion, reordering, insertion or truncation.
 */
package org.callrec.core.audit;
