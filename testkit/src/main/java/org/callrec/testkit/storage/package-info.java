/**
 * The conformance kit for storage backends: extend
 * {@link org.callrec.testkit.storage.StorageBackendConformanceKit} in a JUnit 5 test and say how
 * to open the backend under test.
 */
package org.callrec.testkit.storage;
