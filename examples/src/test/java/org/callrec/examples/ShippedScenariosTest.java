package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyFileException;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.scenario.ScenarioFile;
import org.callrec.core.scenario.ScenarioLoader;
import org.callrec.core.scenario.ScenarioResult;
import org.callrec.core.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * The shipped scenario file against the shipped policy: every scenario passes, every clause of
 * a call decision is cited, and every single rule of the policy file, mutated in turn, makes at
 * least one scenario fail.
 */
class ShippedScenariosTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The number the scenarios call as the main line, added when announcing routes mutate. */
    private static final String MAIN_LINE = "02079460000";

    /**
     * Rules that cannot change a call decision, by path prefix, each with the reason. They are
     * still mutated and counted; no scenario is asked to catch them.
     */
    private static final Map<String, String> NOT_DECISION_BEARING = Map.of(
            "organisation", "names the organisation; no decision reads it",
            "version", "identifies the policy file; decisions carry it, none depends on it",
            "issued", "a date the loader checks review against; no call decision reads it",
            "review-by", "past it the policy still applies, with a warning",
            "time-zone", "reads calendar dates such as a subject access deadline, not calls",
            "retention.counts-from", "call-end is its only value; any other is refused",
            "access", "decides retrieval of a recording (4.2, 5.3), not a call's recording",
            "purposes", "decide what a retrieved recording may be used for (3.1, 5.3)",
            "statements", "dated statements (4.3 general notices, 5.2), not executed");

    @Test
    void everyShippedScenarioPassesUnderTheShippedPolicy() throws Exception {
        Policy policy = new PolicyLoader(CLOCK).load(resource("policy.yaml"));
        ScenarioFile scenarios = new ScenarioLoader().load(resource("scenarios.yaml"));

        List<ScenarioResult> results = new ScenarioRunner(policy).run(scenarios);

        String failures = results.stream().filter(r -> !r.passed())
                .map(ScenarioResult::describe).collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), failures);
        assertTrue(results.size() >= 20, "scenarios run: " + results.size());
    }

    @Test
    void everyClauseOfACallDecisionIsCitedBySomeScenario() throws Exception {
        Policy policy = new PolicyLoader(CLOCK).load(resource("policy.yaml"));
        ScenarioFile scenarios = new ScenarioLoader().load(resource("scenarios.yaml"));
        Set<String> decisionClauses = new TreeSet<>(List.of(policy.lawfulBasis().clause(),
                policy.recordableCalls().clause(), policy.recordableCalls().partiesClause(),
                policy.stopRecording().clause(), policy.notice().clause(),
                policy.sensitiveInformation().clause(), policy.objection().clause(),
                policy.retention().clause()));

        Set<String> cited = new TreeSet<>();
        new ScenarioRunner(policy).run(scenarios).forEach(r -> r.steps()
                .forEach(s -> cited.addAll(s.decision().clauses())));

        assertTrue(cited.containsAll(decisionClauses),
                "cited " + cited + ", policy decides calls under " + decisionClauses);
    }

    @Test
    void mutatingAnySingleRuleOfThePolicyMakesAScenarioFail() throws Exception {
        JsonNode policyTree = YAML.readTree(resource("policy.yaml").toFile());
        ScenarioFile scenarios = new ScenarioLoader().load(resource("scenarios.yaml"));
        List<String> rules = new ArrayList<>();
        leaves(policyTree, "", rules);

        Map<String, String> escaped = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        int caught = 0;
        int notDecisionBearing = 0;
        for (String rule : rules) {
            String reason = notDecisionBearing(rule);
            Outcome outcome = mutateAndRun(policyTree, rule, scenarios);
            if (reason != null) {
                notDecisionBearing++;
            } else if (outcome.refusedBy != null) {
                refused.put(rule, outcome.refusedBy);
            } else if (outcome.failing > 0) {
                caught++;
            } else {
                escaped.put(rule, outcome.mutation);
            }
        }

        System.out.printf("policy.yaml has %d rules; mutated %d one at a time: %d caught by a"
                + " scenario, %d not decision-bearing (%s), refused by the loader %s,"
                + " escaped %s%n", rules.size(), rules.size(), caught, notDecisionBearing,
                NOT_DECISION_BEARING.keySet(), refused.keySet(), escaped);
        assertEquals(rules.size(), caught + notDecisionBearing + refused.size() + escaped.size());
        assertTrue(refused.isEmpty(), "decision-bearing mutations refused: " + refused);
        assertTrue(escaped.isEmpty(), "no scenario catches the mutation of " + escaped);
        assertTrue(caught >= 25, "decision-bearing rules caught: " + caught);
    }

    @Test
    void everyRuleListedAsNotDecisionBearingIsInThePolicyFile() throws Exception {
        JsonNode policyTree = YAML.readTree(resource("policy.yaml").toFile());

        List<String> rules = new ArrayList<>();
        leaves(policyTree, "", rules);

        for (String prefix : NOT_DECISION_BEARING.keySet()) {
            assertTrue(rules.stream().anyMatch(r -> r.equals(prefix)
                    || r.startsWith(prefix + ".") || r.startsWith(prefix + "[")),
                    "listed as not decision-bearing but not in the file: " + prefix);
        }
    }

    private record Outcome(String mutation, int failing, String refusedBy) {
    }

    private static Outcome mutateAndRun(JsonNode tree, String rule, ScenarioFile scenarios)
            throws Exception {
        JsonNode copy = tree.deepCopy();
        String mutation = mutate(copy, rule);
        byte[] yaml = YAML.writeValueAsBytes(copy);
        Policy policy;
        try {
            policy = new PolicyLoader(CLOCK).load(new ByteArrayInputStream(yaml),
                    "policy.yaml with " + rule + " " + mutation);
        } catch (PolicyFileException refused) {
            return new Outcome(mutation, 0, refused.getMessage());
        }
        long failing = new ScenarioRunner(policy).run(scenarios).stream()
                .filter(r -> !r.passed()).count();
        return new Outcome(mutation, (int) failing, null);
    }

    /** Applies the mutation of one rule to the tree and says what it did. */
    private static String mutate(JsonNode root, String rule) {
        int cut = Math.max(rule.lastIndexOf('.'), rule.lastIndexOf('['));
        String parentPath = cut < 0 ? "" : rule.substring(0, cut);
        ContainerNode<?> parent = (ContainerNode<?>) at(root, parentPath);
        JsonNode leaf = at(root, rule);

        if (leaf instanceof ArrayNode list && list.isEmpty()) {
            String added = rule.equals("notice.announcing-routes") ? MAIN_LINE : "added";
            list.add(added);
            return "added " + added;
        }
        if (parent instanceof ArrayNode list) {
            int index = Integer.parseInt(rule.substring(cut + 1, rule.length() - 1));
            list.remove(index);
            return "dropped " + leaf.asText();
        }

        ObjectNode mapping = (ObjectNode) parent;
        String key = rule.substring(cut + 1);
        String text = leaf.asText();
        Consumer<JsonNode> put = value -> mapping.set(key, value);
        if (leaf.isBoolean()) {
            put.accept(BooleanNode.valueOf(!leaf.booleanValue()));
            return "flipped to " + !leaf.booleanValue();
        }
        if (key.equals("prompt")) {
            mapping.remove(key);
            return "removed";
        }
        String changed = switch (key) {
            case "clause", "parties-clause" -> "9.9";
            case "period" -> Duration.parse(text).dividedBy(2).toString();
            case "mode" -> text.equals("wait-for-evidence") ? "record-and-flag"
                    : "wait-for-evidence";
            case "use" -> text.equals("training") ? "investigation" : "training";
            case "time-zone" -> "UTC";
            case "counts-from" -> "call-start";
            default -> text.matches("\\d{4}-\\d{2}-\\d{2}")
                    ? LocalDate.parse(text).plusDays(1).toString() : text + "-mutated";
        };
        put.accept(TextNode.valueOf(changed));
        return "changed to " + changed;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.|(?=\\[)")) {
            if (part.isEmpty()) {
                continue;
            }
            node = part.startsWith("[")
                    ? node.get(Integer.parseInt(part.substring(1, part.length() - 1)))
                    : node.get(part);
        }
        return node;
    }

    /** Lists the path of every leaf value of the file, and of every empty list. */
    private static void leaves(JsonNode node, String path, List<String> rules) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                leaves(field.getValue(), path.isEmpty() ? field.getKey()
                        : path + "." + field.getKey(), rules);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "[" + i + "]", rules);
            }
        } else {
            rules.add(path);
        }
    }

    private static String notDecisionBearing(String rule) {
        return NOT_DECISION_BEARING.entrySet().stream()
                .filter(e -> rule.equals(e.getKey()) || rule.startsWith(e.getKey() + ".")
                        || rule.startsWith(e.getKey() + "["))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ShippedScenariosTest.class.getResource("/callrec/" + name).toURI());
    }
}
