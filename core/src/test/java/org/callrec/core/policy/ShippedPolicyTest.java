package org.callrec.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.callrec.spi.call.Direction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy file that {@code examples} ships expresses the whole written policy. */
class ShippedPolicyTest {

    /** Read where it ships, so that the test checks the real file rather than a copy. */
    static final Path SHIPPED = Path.of("../examples/src/main/resources/callrec/policy.yaml");

    static final Clock DURING_POLICY =
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static LoadedPolicy loaded;
    private static Policy policy;

    @BeforeAll
    static void load() {
        loaded = new PolicyLoader(DURING_POLICY).loadWithDigest(SHIPPED);
        policy = loaded.policy();
    }

    @Test
    void namesTheOrganisationVersionAndDates() {
        assertEquals("Leathermarket JMB", policy.organisation());
        assertEquals("1.0", policy.version());
        assertEquals(LocalDate.of(2025, 2, 3), policy.issued());
        assertEquals(LocalDate.of(2028, 2, 3), policy.reviewBy());
        assertEquals(ZoneId.of("Europe/London"), policy.timeZone());
    }

    @Test
    @DisplayName("5.1 lawful basis is legitimate interests, with the child balancing test")
    void restsOnLegitimateInterests() {
        assertEquals(new LawfulBasisRule("5.1", "legitimate-interests", true),
                policy.lawfulBasis());
    }

    @Test
    @DisplayName("3.2 and 4.1 the three listed teams, in every direction")
    void recordsTheListedTeamsInEveryDirection() {
        assertEquals(new RecordableCallsRule("3.2", "4.1",
                Set.of("resident-services", "responsive-repairs", "reception"),
                Set.of(Direction.INBOUND, Direction.OUTBOUND, Direction.INTERNAL)),
                policy.recordableCalls());
    }

    @Test
    @DisplayName("3.3 senior staff and HR stop recording, for good")
    void stopsForSeniorStaffAndHrWithoutRestart() {
        assertEquals(new StopRecordingRule("3.3", Set.of("senior"), Set.of("hr"), false),
                policy.stopRecording());
    }

    @Test
    @DisplayName("4.3 recording waits for evidence of notice")
    void waitsForEvidenceOfNotice() {
        assertEquals(new NoticeRule("4.3", NoticeMode.WAIT_FOR_EVIDENCE,
                "this-call-may-be-monitored-or-recorded", Set.of(), true), policy.notice());
    }

    @Test
    @DisplayName("4.4 sensitive information pauses until consent; an objection keeps what was")
    void pausesForSensitiveInformationAndKeepsEarlierRecordingOnObjection() {
        assertEquals(new SensitiveInformationRule("4.4", true), policy.sensitiveInformation());
        assertEquals(new ObjectionRule("4.4", true), policy.objection());
    }

    @Test
    @DisplayName("4.2 recordings are kept 90 days from the end of the call")
    void keepsRecordingsNinetyDaysFromCallEnd() {
        assertEquals(new RetentionRule("4.2", Duration.ofDays(90), RetentionStart.CALL_END),
                policy.retention());
    }

    @Test
    @DisplayName("4.2 and 5.3 only managers with a grant retrieve recordings")
    void letsOnlyManagersWithAGrantRetrieve() {
        assertEquals(new AccessRule("4.2", Set.of("manager"), true, Set.of()), policy.access());
    }

    @Test
    @DisplayName("3.1 and 5.3 the six purposes, each mapped to one use")
    void listsEveryPurposeWithItsUse() {
        assertEquals(List.of(
                new Purpose("training", "3.1", PurposeUse.TRAINING, false),
                new Purpose("spot-check", "3.1", PurposeUse.TRAINING, false),
                new Purpose("complaint", "3.1", PurposeUse.INVESTIGATION, true),
                new Purpose("abuse-evidence", "3.1", PurposeUse.INVESTIGATION, true),
                new Purpose("demand-analysis", "3.1", PurposeUse.FIGURES_ONLY, false),
                new Purpose("subject-access", "4.4", PurposeUse.SUBJECT_ACCESS, true)),
                policy.purposes());
    }

    @Test
    @DisplayName("4.3 and 5.2 the general notices and the legislation are dated statements")
    void datesTheGeneralNoticesAndTheLegislation() {
        List<String> ids = policy.statements().stream().map(Statement::id).toList();

        assertEquals(List.of("website-notice", "resident-newsletter", "staff-email",
                "staff-meetings", "legislation"), ids);
        assertTrue(policy.statements().stream()
                .allMatch(s -> s.dated().equals(LocalDate.of(2025, 2, 3))));
        assertEquals("5.2", policy.statements().get(4).clause());
        assertTrue(policy.statements().get(4).text().contains("Human Rights Act 1998"));
    }

    @Test
    void loadsWithoutWarningsWhileInForce() {
        assertEquals(List.of(), loaded.warnings());
        assertFalse(policy.isPastReview(DURING_POLICY));
    }

    @Test
    void reportsTheSha256OfTheFileBytes() throws Exception {
        byte[] bytes = Files.readAllBytes(SHIPPED);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        assertEquals(expected, loaded.sha256());
        assertEquals(SHIPPED.toString(), loaded.source());
    }
}
