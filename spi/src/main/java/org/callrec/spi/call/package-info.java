/**
 * The neutral vocabulary of a call: the events a telephony adapter reports
 * ({@link org.callrec.spi.call.CallEvent}), the commands the engine answers with
 * ({@link org.callrec.spi.call.RecordingCommand}) and the decision record that ties the two to
 * the policy clause applied ({@link org.callrec.spi.call.Decision}).
 *
 * <p>These types say nothing about any one telephony platform. An adapter maps its platform's
 * identifiers onto one call id per conversation and documents how.
 */
package org.callrec.spi.call;
