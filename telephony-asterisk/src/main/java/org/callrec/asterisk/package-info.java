/**
 * The reference telephony adapter for Asterisk: {@link org.callrec.asterisk.AsteriskAdapter}
 * reads Asterisk Manager Interface events into neutral call events and maps recording
 * commands to AMI actions; {@link org.callrec.asterisk.AsteriskAdapterProvider} is its
 * {@link java.util.ServiceLoader} entry, named {@code asterisk}.
 *
 * <p>Only those two types are public. The rest of the package is how they work: a bounded
 * reader of the AMI wire format, a tracker that groups channels into conversations, and the
 * writer of AMI actions; none of it is supported API.
 */
package org.callrec.asterisk;
