package org.callrec.testkit.scenario;

import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.call.CommandType;

/**
 * What the decision on the step just described must be: the commands in order, then the clauses
 * it must cite. {@link #citing} and {@link #then} go back to describing the call.
 */
public final class StepExpectation {
    private final CallBuilder call;
    private final List<CommandType> commands = new ArrayList<>();

    StepExpectation(CallBuilder call) {
        this.call = call;
    }

    /** Expects recording to start. */
    public StepExpectation recordingStarted() {
        return command(CommandType.START_RECORDING);
    }

    /** Expects recording to stop. */
    public StepExpectation recordingStopped() {
        return command(CommandType.STOP_RECORDING);
    }

    /** Expects recording to pause. */
    public StepExpectation recordingPaused() {
        return command(CommandType.PAUSE_RECORDING);
    }

    /** Expects recording to resume. */
    public StepExpectation recordingResumed() {
        return command(CommandType.RESUME_RECORDING);
    }

    /** Expects the notice prompt to be played (clause 4.3 in the shipped policy). */
    public StepExpectation noticePrompted() {
        return command(CommandType.PLAY_NOTICE);
    }

    /** Expects no command at all; the same as expecting nothing and calling {@link #then}. */
    public StepExpectation noCommand() {
        return this;
    }

    /** Expects the decision to cite these clauses (among others), and goes back to the call. */
    public CallBuilder citing(String... clauses) {
        return call.expectStep(commands, List.of(clauses));
    }

    /** Goes back to describing the call, citing no particular clause. */
    public CallBuilder then() {
        return call.expectStep(commands, List.of());
    }

    private StepExpectation command(CommandType command) {
        commands.add(command);
        return this;
    }
}
