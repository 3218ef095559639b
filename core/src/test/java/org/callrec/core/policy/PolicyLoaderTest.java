package org.callrec.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Loading policy files, and explaining broken ones in full. */
class PolicyLoaderTest {

    static final Path BROKEN = Path.of("src/test/resources/policies/broken");
    static final Path PAST_REVIEW = Path.of("src/test/resources/policies/past-review.yaml");

    final PolicyLoader loader = new PolicyLoader(ShippedPolicyTest.DURING_POLICY);

    /** Loads a broken file, which must be refused with a {@link PolicyFileException}. */
    PolicyFileException refused(String name) {
        Path file = BROKEN.resolve(name);
        return assertThrows(PolicyFileException.class, () -> loader.load(file));
    }

    /**
     * Asserts that the exception holds exactly one problem, and that both the problem and the
     * message name the file, the path, the value as written and the rule.
     */
    static void assertOneProblem(PolicyFileException e, String path, String value, String rule) {
        assertEquals(1, e.problems().size(), e.getMessage());
        PolicyProblem problem = e.problems().get(0);
        assertEquals(path, problem.path());
        assertEquals(value, problem.value());
        assertTrue(problem.rule().contains(rule), problem.rule());
        assertNamesProblem(e, problem);
    }

    static void assertNamesProblem(PolicyFileException e, PolicyProblem problem) {
        String line = problem.describe();
        assertTrue(e.getMessage().lines().anyMatch(line::equals), e.getMessage());
        assertTrue(line.startsWith(problem.file() + ":"), line);
        assertTrue(line.contains(problem.path()), line);
        assertTrue(line.endsWith(problem.rule()), line);
        if (problem.value() != null) {
            assertTrue(line.contains(problem.value()), line);
        }
    }

    static String shipped() throws Exception {
        return Files.readString(ShippedPolicyTest.SHIPPED);
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("keys and types")
    class KeysAndTypes {

        @Test
        void refusesAnUnknownKeyNamingTheKnownOnes() {
            PolicyFileException e = refused("unknown-key.yaml");

            assertOneProblem(e, "retention.keep-forever", "keep-forever", "is not a known key");
            assertTrue(e.getMessage().contains("known keys: clause, counts-from, period"));
            assertTrue(e.getMessage().contains("unknown-key.yaml:38:"), e.getMessage());
        }

        @Test
        void refusesASingleTeamWhereAListIsExpected() {
            PolicyFileException e = refused("wrong-type.yaml");

            assertOneProblem(e, "recordable-calls.teams", "resident-services", "must be a list");
        }

        @Test
        void refusesAPolicyWithoutARetentionRule() {
            PolicyFileException e = refused("missing-rule.yaml");

            assertOneProblem(e, "retention", null, "is required");
            assertTrue(e.getMessage().contains("retention = (missing): is required"));
        }

        @Test
        void requiresEveryYesOrNoRuleToBeWrittenOut() throws Exception {
            String withoutGrant = shipped().replace("  grant-required: true\n", "");

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(stream(withoutGrant), "no-grant.yaml"));

            assertOneProblem(e, "access.grant-required", null, "is required");
        }

        @Test
        void readsUnquotedNumbersExactlyAsWritten() throws Exception {
            String text = shipped().replace("version: \"1.0\"", "version: 1.10")
                    .replace("  clause: \"3.3\"", "  clause: 3.3");

            Policy policy = loader.load(stream(text), "numbers.yaml");

            assertEquals("1.10", policy.version());
            assertEquals("3.3", policy.stopRecording().clause());
        }

        @Test
        @DisplayName("3.2 refuses a policy that lists no recordable team")
        void refusesAnEmptyListOfRecordableTeams() throws Exception {
            String text = shipped().replace(
                    "  teams: [resident-services, responsive-repairs, reception]", "  teams: []");

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(stream(text), "no-teams.yaml"));

            assertOneProblem(e, "recordable-calls.teams", "[]", "must not be empty");
        }

        @Test
        void refusesAnUnknownNoticeModeListingTheAcceptedOnes() {
            PolicyFileException e = refused("bad-enum.yaml");

            assertOneProblem(e, "notice.mode", "wait",
                    "must be one of: wait-for-evidence, record-and-flag");
        }

        @Test
        void refusesARetentionPeriodThatIsNotAnIsoDuration() {
            PolicyFileException e = refused("bad-duration.yaml");

            assertOneProblem(e, "retention.period", "90 days",
                    "must be an ISO-8601 duration");
        }

        @Test
        void refusesAQuotedYesWhereTrueOrFalseIsExpected() {
            PolicyFileException e = refused("quoted-boolean.yaml");

            assertOneProblem(e, "access.grant-required", "yes", "must be true or false");
        }

        @Test
        void refusesABlankTeamNamingItsPlaceInTheList() {
            PolicyFileException e = refused("blank-team.yaml");

            assertOneProblem(e, "recordable-calls.teams[1]", "", "must not be blank");
        }

        @Test
        void refusesAPurposeIdThatBreaksItsConstraint() {
            PolicyFileException e = refused("bad-purpose-id.yaml");

            assertOneProblem(e, "purposes[1].id", "Spot Check", "must match");
        }
    }

    @Nested
    @DisplayName("rules that must agree")
    class Consistency {

        @Test
        void refusesAReviewDateBeforeTheIssueDate() {
            PolicyFileException e = refused("review-before-issue.yaml");

            assertOneProblem(e, "review-by", "2024-02-03",
                    "must be after the issue date 2025-02-03");
        }

        @Test
        void refusesTwoPurposesWithTheSameId() {
            PolicyFileException e = refused("duplicate-purpose.yaml");

            assertOneProblem(e, "purposes[3].id", "complaint",
                    "must be unique; purposes[2].id has it already");
        }

        @Test
        @DisplayName("3.3 refuses HR as both a recordable team and one that stops recording")
        void refusesHrAsBothARecordableTeamAndOneThatStopsRecording() {
            PolicyFileException e = refused("hr-recorded-and-stopping.yaml");

            assertOneProblem(e, "stop-recording.teams[0]", "hr", "is also a recordable team");
        }

        @Test
        @DisplayName("4.2 refuses a retention period of zero")
        void refusesAZeroRetentionPeriod() {
            PolicyFileException e = refused("zero-retention.yaml");

            assertOneProblem(e, "retention.period", "P0D", "must be longer than zero");
        }

        @Test
        @DisplayName("4.2 refuses a retention period of a nanosecond, a deadline already past")
        void refusesANanosecondRetentionPeriod() {
            PolicyFileException e = refused("nanosecond-retention.yaml");

            assertOneProblem(e, "retention.period", "PT0.000000001S",
                    "must be between PT1H and P36500D (100 years), inclusive");
            assertTrue(e.getMessage().contains("nanosecond-retention.yaml:36: retention.period"
                    + " = 'PT0.000000001S': must be between PT1H and P36500D"), e.getMessage());
        }

        @Test
        @DisplayName("4.2 refuses a retention period whose deadline no instant can hold")
        void refusesARetentionPeriodBeyondAHundredYears() {
            PolicyFileException e = refused("huge-retention.yaml");

            assertOneProblem(e, "retention.period", "P999999999999D",
                    "must be between PT1H and P36500D (100 years), inclusive");
            assertTrue(e.getMessage().contains("huge-retention.yaml:36: retention.period"
                    + " = 'P999999999999D': must be between PT1H and P36500D"), e.getMessage());
        }

        @Test
        @DisplayName("4.2 accepts retention periods of exactly an hour and exactly 100 years")
        void acceptsTheBoundsOfTheRetentionRange() throws Exception {
            String shipped = shipped();
            String anHour = shipped.replaceFirst("period: P[0-9]+D", "period: PT1H");
            String aCentury = shipped.replaceFirst("period: P[0-9]+D", "period: P36500D");

            Policy shortest = loader.load(stream(anHour), "an-hour.yaml");
            Policy longest = loader.load(stream(aCentury), "a-century.yaml");

            assertEquals(java.time.Duration.ofHours(1), shortest.retention().period());
            assertEquals(java.time.Duration.ofDays(36_500), longest.retention().period());
        }

        @Test
        void refusesAClauseThatIsNotAClauseNumber() {
            PolicyFileException e = refused("bad-clause.yaml");

            assertOneProblem(e, "stop-recording.clause", "three point three",
                    "must be a clause number");
        }
    }

    @Nested
    @DisplayName("the whole file")
    class WholeFile {

        @Test
        void reportsEveryProblemOfAFileAtOnceInLineOrder() {
            PolicyFileException e = refused("several-errors.yaml");

            List<String> paths = e.problems().stream().map(PolicyProblem::path).toList();
            assertEquals(List.of("organisation", "issued", "time-zone",
                    "lawful-basis.basis-note", "recordable-calls.directions[1]",
                    "retention.counts-from"), paths);
            e.problems().forEach(problem -> assertNamesProblem(e, problem));
            assertTrue(e.getMessage().contains("(6 problems)"), e.getMessage());
            assertEquals(7, e.getMessage().lines().count(), "a heading and one line each");
        }

        @Test
        void reportsATabIndentAsOneSyntaxProblemWithItsLineAndColumn() {
            PolicyFileException e = refused("tab-indent.yaml");

            assertEquals(1, e.problems().size());
            assertEquals(36, e.problems().get(0).line());
            assertTrue(e.getMessage().contains(
                    "tab-indent.yaml:36: is not valid YAML at line 36, column 1"), e.getMessage());
            assertTrue(e.getMessage().contains("TAB"), e.getMessage());
        }

        @Test
        void reportsAnUnclosedQuoteAsOneSyntaxProblem() {
            PolicyFileException e = refused("unclosed-quote.yaml");

            assertEquals(1, e.problems().size());
            assertTrue(e.getMessage().contains(
                    "unclosed-quote.yaml:9: is not valid YAML at line 9"), e.getMessage());
        }

        @Test
        void refusesBillionLaughsWithoutExpandingAnything() {
            PolicyFileException e = refused("billion-laughs.yaml");

            assertOneProblem(e, "lol1", "&lol1", "YAML anchors are not allowed");
        }

        @Test
        void refusesAnAliasRatherThanReadingItAsText() {
            PolicyFileException e = refused("alias-reuse.yaml");

            assertOneProblem(e, "recordable-calls.teams", "&teams", "anchors are not allowed");
        }

        @Test
        void refusesAliasesOnTheirOwn() {
            String text = "organisation: *someone\n";

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(stream(text), "alias.yaml"));

            assertOneProblem(e, "organisation", "*someone", "YAML aliases are not allowed");
        }

        @Test
        void refusesNestingDeeperThanTheLimit() {
            String deep = "organisation: " + "[".repeat(200) + "]".repeat(200) + "\n";

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(stream(deep), "deep.yaml"));

            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.getMessage().contains("deep.yaml:1: organisation"), e.getMessage());
            assertTrue(e.getMessage().contains("is nested deeper than the limit of 16 levels"),
                    e.getMessage());
        }

        @Test
        void refusesExplicitTags() {
            PolicyFileException e = refused("java-tag.yaml");

            assertEquals("organisation", e.problems().get(0).path());
            assertTrue(e.getMessage().contains("explicit YAML tags are not allowed"));
            assertTrue(e.getMessage().contains("javax.script.ScriptEngineManager"));
        }

        @Test
        void refusesAnEmptyFile() {
            PolicyFileException e = refused("empty.yaml");

            assertOneProblem(e, "", null, "the file is empty");
            assertTrue(e.getMessage().contains("empty.yaml:1: the file is empty"));
        }

        @Test
        void refusesAFileOfOnlyComments() {
            PolicyFileException e = refused("comments-only.yaml");

            assertOneProblem(e, "", null, "the file is empty");
        }

        @Test
        void refusesARootThatIsNotAMapping() {
            PolicyFileException e = refused("not-a-mapping.yaml");

            assertOneProblem(e, "", "(a list)", "the file must be a mapping");
        }

        @Test
        void refusesASecondDocument() {
            PolicyFileException e = refused("two-documents.yaml");

            assertOneProblem(e, "", null, "only one is allowed");
        }

        @Test
        void refusesAKeyWrittenTwice() {
            PolicyFileException e = refused("duplicate-key.yaml");

            assertEquals(1, e.problems().size());
            assertTrue(e.getMessage().contains("duplicate-key.yaml:5:"), e.getMessage());
            assertTrue(e.getMessage().contains("'version'"), e.getMessage());
        }

        @Test
        void refusesAFileOverTheSizeLimitWithoutReadingItAll() {
            byte[] large = new byte[4 * 1024 * 1024];
            java.util.Arrays.fill(large, (byte) '#');

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(new ByteArrayInputStream(large), "large.yaml"));

            assertOneProblem(e, "", null, "larger than the limit of 1048576 bytes");
            assertTrue(e.getMessage().contains("large.yaml"));
        }

        @Test
        void refusesAFileThatDoesNotExist() {
            Path missing = BROKEN.resolve("no-such-policy.yaml");

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(missing));

            assertOneProblem(e, "", null, "does not exist");
            assertTrue(e.getMessage().contains("no-such-policy.yaml"));
        }
    }

    @Nested
    @DisplayName("warnings")
    class Warnings {

        @Test
        void loadsAPolicyPastItsReviewDateAndWarns() {
            String log = captureStandardError(() -> loader.loadWithDigest(PAST_REVIEW));
            LoadedPolicy loaded = loader.loadWithDigest(PAST_REVIEW);

            assertTrue(loaded.policy().isPastReview(ShippedPolicyTest.DURING_POLICY));
            assertTrue(loaded.warnings().contains(
                    "policy 1.0 is past its review date 2025-02-03; it still applies until"
                            + " replaced"), loaded.warnings().toString());
            assertTrue(log.contains("WARN"), log);
            assertTrue(log.contains("policy 1.0 is past its review date 2025-02-03"), log);
        }

        @Test
        @DisplayName("4.3 reports general notices that are out of date")
        void reportsStatementsOutOfDate() {
            LoadedPolicy loaded = loader.loadWithDigest(PAST_REVIEW);
            LocalDate today = LocalDate.of(2026, 6, 1);

            List<Statement> outOfDate = loaded.policy().outOfDateStatements(today);

            assertEquals(List.of("website-notice"), outOfDate.stream().map(Statement::id).toList());
            assertTrue(loaded.warnings().contains(
                    "statement website-notice (clause 4.3) is out of date since 2024-06-30"),
                    loaded.warnings().toString());
        }

        @Test
        void doesNotWarnBeforeTheReviewDate() {
            Clock beforeReview = Clock.fixed(Instant.parse("2024-03-01T00:00:00Z"), ZoneOffset.UTC);

            LoadedPolicy loaded = new PolicyLoader(beforeReview).loadWithDigest(PAST_REVIEW);

            assertEquals(List.of(), loaded.warnings());
        }

        @Test
        void logsTheVersionAndDigestOnLoad() {
            String log = captureStandardError(() -> loader.load(ShippedPolicyTest.SHIPPED));
            LoadedPolicy loaded = loader.loadWithDigest(ShippedPolicyTest.SHIPPED);

            assertTrue(log.contains("INFO"), log);
            assertTrue(log.contains("policy 1.0 of Leathermarket JMB loaded"), log);
            assertTrue(log.contains(loaded.sha256()), log);
            assertFalse(log.contains("WARN"), log);
        }

        @Test
        void loadsTheSameFromAStreamAsFromTheFile() throws Exception {
            byte[] bytes = Files.readAllBytes(ShippedPolicyTest.SHIPPED);

            LoadedPolicy fromStream =
                    loader.loadWithDigest(new ByteArrayInputStream(bytes), "policy.yaml");

            LoadedPolicy fromFile = loader.loadWithDigest(ShippedPolicyTest.SHIPPED);
            assertEquals(fromFile.policy(), fromStream.policy());
            assertEquals(fromFile.sha256(), fromStream.sha256());
            assertEquals("policy.yaml", fromStream.source());
        }
    }

    @Nested
    @DisplayName("text values")
    class TextValues {

        @Test
        void refusesAnOrganisationHoldingTerminalEscapeSequencesShowingThemEscaped() {
            PolicyFileException e = refused("escape-in-organisation.yaml");

            assertEquals(1, e.problems().size(), e.getMessage());
            PolicyProblem problem = e.problems().get(0);
            assertEquals("organisation", problem.path());
            assertEquals("\u001b[31mLeathermarket JMB\u001b[0m", problem.value());
            assertTrue(problem.rule().startsWith("must not contain control characters"));
            assertTrue(e.getMessage().contains("escape-in-organisation.yaml:3: organisation = "
                    + "'\\u001b[31mLeathermarket JMB\\u001b[0m': must not contain control"
                    + " characters (U+0000-U+001F, U+007F-U+009F)"), e.getMessage());
            assertFalse(e.getMessage().contains("\u001b"), "the message holds no escape");
        }

        @Test
        void refusesAnOrganisationOfTwoThousandCharactersShowingItCut() {
            PolicyFileException e = refused("long-organisation.yaml");

            assertEquals(1, e.problems().size(), e.getMessage());
            PolicyProblem problem = e.problems().get(0);
            assertEquals("organisation", problem.path());
            assertEquals(2000, problem.value().length());
            assertEquals("must be at most 1024 characters long", problem.rule());
            String shownStart = "Leathermarket JMB ".repeat(5).substring(0, 80);
            assertTrue(e.getMessage().contains("long-organisation.yaml:3: organisation = '"
                    + shownStart + "...': must be at most 1024 characters long"),
                    e.getMessage());
            assertTrue(e.getMessage().length() < 1000, "the message shows the value cut");
        }

        @Test
        void refusesATabInsideAValue() {
            String text = "organisation: \"Leathermarket\tJMB\"\n";

            PolicyFileException e = assertThrows(PolicyFileException.class,
                    () -> loader.load(stream(text), "tab.yaml"));

            assertTrue(e.getMessage().contains("tab.yaml:1: organisation = "
                    + "'Leathermarket\\u0009JMB': must not contain control characters"),
                    e.getMessage());
        }

        @Test
        void acceptsAValueOfExactly1024Characters() throws Exception {
            String organisation = "L".repeat(1024);
            String text = shipped().replaceFirst("(?m)^organisation: .*$",
                    "organisation: " + organisation);

            Policy policy = loader.load(stream(text), "long-but-allowed.yaml");

            assertEquals(organisation, policy.organisation());
        }
    }

    /**
     * Runs the action with standard error captured: slf4j-simple, the test binding, writes there
     * and looks the stream up on every line it logs.
     */
    static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
