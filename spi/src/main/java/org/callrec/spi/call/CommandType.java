package org.callrec.spi.call;

/** What the engine asks a telephony adapter to do with a call's recording. */
public enum CommandType {
    /** Play the recording notice to the other party before connecting (clause 4.3). */
    PLAY_NOTICE,
    /** Start recording a new span of the call. */
    START_RECORDING,
    /** Keep the span open but record silence, for example until consent (clause 4.4). */
    PAUSE_RECORDING,
    /** Record audio again in a paused span. */
    RESUME_RECORDING,
    /** Stop and close the span; its audio may then be handed to the vault. */
    STOP_RECORDING
}
