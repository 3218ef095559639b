/**
 * The conformance kit for catalogues: extend
 * {@link org.callrec.testkit.catalogue.CatalogueConformanceKit} in a JUnit 5 test and say how to
 * open a fresh, empty catalogue; {@link org.callrec.testkit.catalogue.CatalogueSamples} builds the
 * calls and recordings it stores.
 */
package org.callrec.testkit.catalogue;
