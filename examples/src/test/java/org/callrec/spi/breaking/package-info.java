/**
 * Test-only classes that break the SPI's dependency rule on purpose, so that the architecture
 * test can show the rule rejects them. Never on the main class path.
 */
package org.callrec.spi.breaking;
