/**
 * Small examples of embedding Callrec in an application: deciding a call's events against a
 * policy and reading the decisions.
 */
package org.callrec.examples.embedding;
