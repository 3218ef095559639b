package org.callrec.examples.embedding;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.callrec.core.decision.DecisionEngine;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.examples.DemoInputs;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.TransferKind;

/**
 * An inbound call from a resident to Responsive Repairs, told of recording, then transferred to
 * HR: the decisions an application gets back from the engine, each citing its clause.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    /** Runs the example, printing each decision. */
    public static void main(String[] args) throws IOException {
        run(Clock.systemUTC(), new PrintWriter(System.out, true));
    }

    /** Runs the example with a clock, printing to the writer; returns the decisions. */
    public static List<Decision> run(Clock clock, PrintWriter out) throws IOException {
        Path inputs = DemoInputs.writeTo(Files.createTempDirectory("callrec-example")).policy()
                .getParent();
        Policy policy = new PolicyLoader(clock).load(inputs.resolve("policy.yaml"));
        FileStaffDirectory staff = FileStaffDirectory.load(inputs.resolve("directory-hr.yaml"));
        DecisionEngine engine = new DecisionEngine(policy, staff, clock);

        String call = "example-1";
        List<CallEvent> events = List.of(
                CallEvent.started(call, null, Party.of("020 7946 0000"), Party.of("202"),
                        Direction.INBOUND),
                CallEvent.withDetail(CallEventType.NOTICE_PLAYED, call, null,
                        "this-call-may-be-monitored-or-recorded"),
                CallEvent.answered(call, null, Party.of("202")),
                CallEvent.transferred(call, null, Party.of("202"), Party.of("203"),
                        TransferKind.BLIND),
                CallEvent.withDetail(CallEventType.CALL_ENDED, call, null, null));

        List<Decision> decisions = events.stream()
                .map(event -> engine.decide(event).decision())
                .toList();
        decisions.forEach(decision -> out.printf("%-14s %-18s %s%n",
                decision.event().type(), decision.commands(), decision.citation()));
        return decisions;
    }
}
