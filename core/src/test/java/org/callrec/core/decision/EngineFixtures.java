package org.callrec.core.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.callrec.core.policy.AccessRule;
import org.callrec.core.policy.LawfulBasisRule;
import org.callrec.core.policy.NoticeMode;
import org.callrec.core.policy.NoticeRule;
import org.callrec.core.policy.ObjectionRule;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.core.policy.RecordableCallsRule;
import org.callrec.core.policy.RetentionRule;
import org.callrec.core.policy.RetentionStart;
import org.callrec.core.policy.SensitiveInformationRule;
import org.callrec.core.policy.StopRecordingRule;
import org.callrec.spi.call.Direction;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;

/** A policy built in code like the shipped one, and a small staff directory, for engine tests. */
final class EngineFixtures {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String EXTERNAL = "+447700900101";

    private EngineFixtures() {
    }

    static Policy policy() {
        return policy(NoticeMode.WAIT_FOR_EVIDENCE, false, true);
    }

    static Policy policy(NoticeMode mode, boolean restart, boolean keepOnObjection) {
        return new Policy("Test Landlord", "1.0", LocalDate.of(2025, 2, 3),
                LocalDate.of(2028, 2, 3), ZoneId.of("Europe/London"),
                new LawfulBasisRule("5.1", "legitimate-interests", true),
                new RecordableCallsRule("3.2", "4.1",
                        Set.of("resident-services", "responsive-repairs", "reception"),
                        Set.of(Direction.INBOUND, Direction.OUTBOUND, Direction.INTERNAL)),
                new StopRecordingRule("3.3", Set.of("senior"), Set.of("hr"), restart),
                new NoticeRule("4.3", mode, "this-call-may-be-monitored-or-recorded",
                        Set.of("+442070000001"), true),
                new SensitiveInformationRule("4.4", true),
                new ObjectionRule("4.4", keepOnObjection),
                new RetentionRule("4.2", Duration.ofDays(90), RetentionStart.CALL_END),
                new AccessRule("4.2", Set.of("manager"), true, Set.of()),
                List.of(new Purpose("training", "3.1", PurposeUse.TRAINING, false)),
                List.of());
    }

    /** 201 reception, 202 and 204 repairs, 203 HR, 205 senior, 206 finance (not listed). */
    static StaffDirectory directory() {
        Map<String, StaffMember> staff = Map.of(
                "201", new StaffMember("s201", Set.of("reception"), Set.of()),
                "202", new StaffMember("s202", Set.of("responsive-repairs"), Set.of()),
                "203", new StaffMember("s203", Set.of("hr"), Set.of()),
                "204", new StaffMember("s204", Set.of("responsive-repairs"), Set.of()),
                "205", new StaffMember("s205", Set.of("housing"), Set.of("senior")),
                "206", new StaffMember("s206", Set.of("finance"), Set.of()));
        return address -> Optional.ofNullable(staff.get(address));
    }

    static Clock clock() {
        return Clock.fixed(T0, ZoneOffset.UTC);
    }

    static DecisionEngine engine() {
        return new DecisionEngine(policy(), directory(), clock());
    }
}
