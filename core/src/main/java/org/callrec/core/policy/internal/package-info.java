/**
 * Unsupported internals of the policy loader, shared with the file-backed staff directory: reading
 * a YAML file safely, and binding its tree field by field while collecting every problem.
 *
 * <p>Nothing here is part of Callrec's API. Types may change or go away in any release; code
 * outside {@code org.callrec.core} must not use them.
 */
package org.callrec.core.policy.internal;
