/**
 * Telephony adapters: the {@link org.callrec.spi.telephony.TelephonyAdapter} contract that turns
 * a platform's events into neutral {@link org.callrec.spi.call.CallEvent}s and carries out the
 * engine's {@link org.callrec.spi.call.RecordingCommand}s, and its
 * {@link java.util.ServiceLoader} entry.
 */
package org.callrec.spi.telephony;
