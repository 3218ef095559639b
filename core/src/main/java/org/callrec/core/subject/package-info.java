/**
 * Subject access (clause 4.4): finding every recording in which a person took part and exporting
 * it to them, and keeping their number findable without keeping it in the clear.
 *
 * <p>{@link org.callrec.core.subject.PersonalDataKeyset} seals the addresses and numbers the
 * catalogue keeps and derives the blind index a number is found by;
 * {@link org.callrec.core.subject.SubjectNumbers} reads a number however it is written;
 * {@link org.callrec.core.subject.SubjectAccess} finds a person's recordings by number, staff id
 * or reference and exports them with a manifest. A query that breaks the rule for its kind is
 * refused with an {@link org.callrec.core.subject.InvalidSubjectQueryException} before anything
 * is looked up, made or audited.
 */
package org.callrec.core.subject;
