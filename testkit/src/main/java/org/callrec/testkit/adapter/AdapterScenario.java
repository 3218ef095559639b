package org.callrec.testkit.adapter;

import static org.callrec.spi.call.CommandType.PAUSE_RECORDING;
import static org.callrec.spi.call.CommandType.RESUME_RECORDING;
import static org.callrec.spi.call.CommandType.START_RECORDING;
import static org.callrec.spi.call.CommandType.STOP_RECORDING;

import java.util.List;
import org.callrec.spi.call.CommandType;

/**
 * A scripted call that every adapter must be able to play, with the timeline the decision engine
 * must produce from the adapter's events under the kit's policy and directory.
 *
 * <p>The parties are three phones: {@code 150010001} (extension 201, Reception) calls
 * {@code 150010002} (202, Responsive Repairs), who may hand the call on to {@code 150010003}
 * (203). Whether 203 is in HR or in Responsive Repairs is part of the scenario ({@link #desk203}).
 * An adapter's input for a scenario must use these addresses. Every scenario's input is one
 * call, answered by 202, that stays within the organisation (so no notice prompt is needed).
 */
public enum AdapterScenario {
    /** 202 blind-transfers the caller to 203 in HR: recording stops (3.3). */
    BLIND_TRANSFER_TO_HR(Desk203.HR, "3.3", 1, START_RECORDING, STOP_RECORDING),
    /** 202 blind-transfers the caller to 203 in Repairs: recording continues to the end. */
    BLIND_TRANSFER_TO_REPAIRS(Desk203.REPAIRS, "4.2", 1, START_RECORDING, STOP_RECORDING),
    /** 202 consults 203 in HR, then transfers the caller: recording stops (3.3). */
    ATTENDED_TRANSFER_TO_HR(Desk203.HR, "3.3", 1, START_RECORDING, STOP_RECORDING),
    /** 202 consults 203 in Repairs, then transfers the caller: recording continues. */
    ATTENDED_TRANSFER_TO_REPAIRS(Desk203.REPAIRS, "4.2", 1, START_RECORDING, STOP_RECORDING),
    /** 202 tries to hand the call to 203 in HR, who never takes it: 202 carries on, recorded. */
    FAILED_TRANSFER_RETURNS_TO_FIRST_AGENT(Desk203.HR, "4.2", 1, START_RECORDING, STOP_RECORDING),
    /** 202 puts the caller on hold and takes them off it: recording pauses and resumes. */
    HOLD(Desk203.REPAIRS, "4.2", 1,
            START_RECORDING, PAUSE_RECORDING, RESUME_RECORDING, STOP_RECORDING),
    /** 203 in HR joins the call in conference: recording stops (3.3). */
    CONFERENCE_WITH_HR(Desk203.HR, "3.3", 1, START_RECORDING, STOP_RECORDING),
    /**
     * 202 flags sensitive information, the caller consents, then 202 transfers the caller to 203
     * in Repairs: recording pauses, resumes on consent and continues after the transfer (4.4).
     */
    CONSENT_THEN_TRANSFER(Desk203.REPAIRS, "4.2", 1,
            START_RECORDING, PAUSE_RECORDING, RESUME_RECORDING, STOP_RECORDING),
    /**
     * The platform's recorder fails mid-call: the open span is closed as it stands, with no
     * command to a recorder that is gone, and a new span is started.
     */
    RECORDER_CRASH(Desk203.REPAIRS, "4.2", 2, START_RECORDING, START_RECORDING, STOP_RECORDING);

    /** Who extension 203 ({@code 150010003}) is in the kit's staff directory. */
    public enum Desk203 {
        /** A member of the HR team, whose presence stops recording (3.3). */
        HR,
        /** A member of the Responsive Repairs team, who may be recorded (3.2). */
        REPAIRS
    }

    private final Desk203 desk203;
    private final String stopClause;
    private final int spans;
    private final List<CommandType> commands;

    AdapterScenario(Desk203 desk203, String stopClause, int spans, CommandType... commands) {
        this.desk203 = desk203;
        this.stopClause = stopClause;
        this.spans = spans;
        this.commands = List.of(commands);
    }

    /** Returns who extension 203 is in this scenario. */
    public Desk203 desk203() {
        return desk203;
    }

    /**
     * Returns the clause the first decision that stops recording must cite: {@code 3.3} when
     * HR's presence stops it, {@code 4.2} (retention) when it runs until the call ends.
     */
    public String stopClause() {
        return stopClause;
    }

    /** Returns how many recorded spans the engine must close over the call. */
    public int spans() {
        return spans;
    }

    /** Returns the types of the commands the engine must send, in order. */
    public List<CommandType> commands() {
        return commands;
    }
}
