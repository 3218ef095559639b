/**
 * A test-only backend class that depends on core on purpose, so that the architecture test can
 * show the backend rule rejects it. Never on the main class path.
 */
package org.callrec.storage.breaking;
