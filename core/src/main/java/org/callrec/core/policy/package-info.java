/**
 * The policy as data: immutable model types for a call recording policy file, and the loader that
 * reads, validates and explains a broken file.
 *
 * <p>Every rule names the clause of the written policy it comes from, so that every decision the
 * engine takes can cite it. Nothing here assumes one organisation's values; they all come from the
 * file.
 */
package org.callrec.core.policy;
