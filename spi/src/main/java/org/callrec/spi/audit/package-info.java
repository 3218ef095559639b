/**
 * The audit trail: the {@link org.callrec.spi.audit.AuditSink} contract that every access,
 * export, hold, disposal and policy load is written to before it takes effect, and its
 * {@link java.util.ServiceLoader} entry.
 */
package org.callrec.spi.audit;
