/**
 * The flow of a call through the library: {@link org.callrec.core.recorder.CallRecorder} takes
 * each neutral event from a telephony adapter to the decision engine, carries the engine's
 * commands back to the adapter, hands each closed span's audio to the vault, catalogues the call
 * when it ends, and only then tells the adapter that its own copy may go.
 */
package org.callrec.core.recorder;
