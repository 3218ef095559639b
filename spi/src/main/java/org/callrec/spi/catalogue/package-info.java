/**
 * What is known about each call and recording: the {@link org.callrec.spi.catalogue.Catalogue}
 * contract and the records it keeps. Normalised phone numbers live only here, never in object
 * keys or logs.
 */
package org.callrec.spi.catalogue;
