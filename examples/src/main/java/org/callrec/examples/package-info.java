/**
 * Examples of embedding Callrec, and the {@code callrec} command-line tool that replays real
 * telephony captures through a policy file and keeps what the policy allows, encrypted, on the
 * embedded default storage.
 */
package org.callrec.examples;
