/**
 * Conformance kits for backend, catalogue and adapter authors, and the policy scenario API.
 * Subpackages hold one kit each.
 */
package org.callrec.testkit;
