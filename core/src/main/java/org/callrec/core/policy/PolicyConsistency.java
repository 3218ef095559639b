package org.callrec.core.policy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.callrec.core.policy.internal.YamlBinding;

/**
 * Checks what no single field can: that the rules of a policy agree with each other. Each check
 * skips values that are missing, since those were reported already.
 */
final class PolicyConsistency {

    /** A clause is cited as the written policy numbers it: {@code 1}, {@code 3.2}, {@code 4.4}. */
    private static final Pattern CLAUSE = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){0,3}");

    /** The shortest retention period accepted. */
    static final Duration SHORTEST_RETENTION = Duration.ofHours(1);

    /** The longest retention period accepted: 100 years of 365 days. */
    static final Duration LONGEST_RETENTION = Duration.ofDays(36_500);

    /** The rule a retention period outside the accepted range breaks. */
    static final String RETENTION_RANGE_RULE = "must be between PT1H and P36500D (100 years),"
            + " inclusive";

    private PolicyConsistency() {
    }

    static void check(Policy policy, YamlBinding binding) {
        checkDates(policy, binding);
        checkClauses(policy, binding);
        checkStopTeamsAreNotRecordable(policy, binding);
        checkRetention(policy, binding);
        checkUniqueIds(policy.purposes().stream().map(Purpose::id).toList(), "purposes",
                binding);
        checkUniqueIds(policy.statements().stream().map(Statement::id).toList(), "statements",
                binding);
    }

    private static void checkDates(Policy policy, YamlBinding binding) {
        if (policy.issued() != null && policy.reviewBy() != null
                && !policy.reviewBy().isAfter(policy.issued())) {
            binding.report("review-by", policy.reviewBy().toString(),
                    "must be after the issue date " + policy.issued());
        }

        List<Statement> statements = policy.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (s.dated() != null && s.renewBy() != null && !s.renewBy().isAfter(s.dated())) {
                binding.report("statements[" + i + "].renew-by", s.renewBy().toString(),
                        "must be after the statement's date " + s.dated());
            }
        }
    }

    private static void checkClauses(Policy policy, YamlBinding binding) {
        checkClause("lawful-basis", policy.lawfulBasis() == null
                ? null : policy.lawfulBasis().clause(), binding);
        checkClause("recordable-calls", policy.recordableCalls() == null
                ? null : policy.recordableCalls().clause(), binding);
        checkClauseAt("recordable-calls.parties-clause", policy.recordableCalls() == null
                ? null : policy.recordableCalls().partiesClause(), binding);
        checkClause("stop-recording", policy.stopRecording() == null
                ? null : policy.stopRecording().clause(), binding);
        checkClause("notice", policy.notice() == null ? null : policy.notice().clause(), binding);
        checkClause("sensitive-information", policy.sensitiveInformation() == null
                ? null : policy.sensitiveInformation().clause(), binding);
        checkClause("objection", policy.objection() == null
                ? null : policy.objection().clause(), binding);
        checkClause("retention", policy.retention() == null
                ? null : policy.retention().clause(), binding);
        checkClause("access", policy.access() == null ? null : policy.access().clause(), binding);
        for (int i = 0; i < policy.purposes().size(); i++) {
            checkClause("purposes[" + i + "]", policy.purposes().get(i).clause(), binding);
        }
        for (int i = 0; i < policy.statements().size(); i++) {
            checkClause("statements[" + i + "]", policy.statements().get(i).clause(), binding);
        }
    }

    private static void checkClause(String rulePath, String clause, YamlBinding binding) {
        checkClauseAt(rulePath + ".clause", clause, binding);
    }

    private static void checkClauseAt(String path, String clause, YamlBinding binding) {
        if (clause != null && !clause.isBlank() && !CLAUSE.matcher(clause).matches()) {
            binding.report(path, clause,
                    "must be a clause number of the written policy, such as 3.2");
        }
    }

    /**
     * Clause 3.3 stops recording whenever a stop team is a party, so a team listed both ways
     * could never be recorded: the file says two things, and the reader cannot tell which one
     * the policy's authors meant.
     */
    private static void checkStopTeamsAreNotRecordable(Policy policy, YamlBinding binding) {
        if (policy.stopRecording() == null || policy.stopRecording().teams() == null
                || policy.recordableCalls() == null || policy.recordableCalls().teams() == null) {
            return;
        }

        for (String team : policy.stopRecording().teams()) {
            if (policy.recordableCalls().teams().contains(team)) {
                binding.report(binding.itemPath("stop-recording.teams", team), team,
                        "is also a recordable team (recordable-calls.teams); a team that stops"
                                + " recording cannot also be recorded");
            }
        }
    }

    /**
     * A retention period must be a span a deadline can be computed from: a period of a few
     * nanoseconds gives a deadline already past when the call ends, and a huge one overflows the
     * instant of the deadline, which used to stop the replay at the call's end.
     */
    private static void checkRetention(Policy policy, YamlBinding binding) {
        Duration period = policy.retention() == null ? null : policy.retention().period();
        if (period == null) {
            return;
        }

        if (period.isNegative() || period.isZero()) {
            binding.report("retention.period", period.toString(), "must be longer than zero");
        } else if (period.compareTo(SHORTEST_RETENTION) < 0
                || period.compareTo(LONGEST_RETENTION) > 0) {
            binding.report("retention.period", period.toString(), RETENTION_RANGE_RULE);
        }
    }

    private static void checkUniqueIds(List<String> ids, String listPath, YamlBinding binding) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                continue;
            }

            Integer earlier = first.putIfAbsent(id, i);
            if (earlier != null) {
                binding.report(listPath + "[" + i + "].id", id,
                        "must be unique; " + listPath + "[" + earlier + "].id has it already");
            }
        }
    }
}
