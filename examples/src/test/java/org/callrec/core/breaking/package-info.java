/**
 * Test-only classes in core's namespace that read the wall clock, print or use
 * java.util.logging on purpose, so that the architecture test can show each rule rejects them.
 * Never on the main class path.
 */
package org.callrec.core.breaking;
