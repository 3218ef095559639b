package org.callrec.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code callrec verify-policy}: PASS or the difference, the exit code, the JUnit XML report. */
class VerifyPolicyCommandTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void passesEveryShippedScenarioAndExitsZero() throws Exception {
        Path policy = copy("policy.yaml");
        Path scenarios = copy("scenarios.yaml");

        Run run = run("verify-policy", "--policy", policy.toString(), scenarios.toString());

        assertEquals(0, run.code, run.out + run.err);
        assertTrue(run.out.contains("PASS  a call to Responsive Repairs transferred blind to HR"
                + " stops recording"), run.out);
        assertTrue(run.out.contains("of 22 scenario(s) passed"), run.out);
    }

    @Test
    void showsTheStepTheExpectedAndActualDecisionAndTheClauseWhenHrNoLongerStopsRecording()
            throws Exception {
        Path policy = withoutHrInStopList();
        Path scenarios = copy("scenarios.yaml");

        Run run = run("verify-policy", "--policy", policy.toString(), scenarios.toString());

        assertEquals(1, run.code);
        assertTrue(run.out.contains("FAIL  a call to Responsive Repairs transferred blind to HR"
                + " stops recording"), run.out);
        assertTrue(run.out.contains("+1m transferred blind to team hr"), run.out);
        assertTrue(run.out.contains("expected: stop-recording citing 3.3"), run.out);
        assertTrue(run.out.contains("actual:   stop-recording citing 3.2"), run.out);
        assertTrue(run.out.contains("because stopped: transferred by blind transfer; no member"
                + " of a listed team is on the call"), run.out);
        assertTrue(run.out.contains("5 FAILED"), run.out);
    }

    @Test
    void writesAJunitXmlReportThatTheJdkParserReadsBack() throws Exception {
        Path policy = withoutHrInStopList();
        Path scenarios = copy("scenarios.yaml");
        Path report = folder.resolve("reports/verify-policy.xml");

        run("verify-policy", "--policy", policy.toString(), "--junit-xml", report.toString(),
                scenarios.toString());

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(report.toFile());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("22", suite.getAttribute("tests"));
        assertEquals("5", suite.getAttribute("failures"));
        NodeList failures = xml.getElementsByTagName("failure");
        assertEquals(5, failures.getLength());
        Element first = (Element) failures.item(0);
        assertEquals("a call to Responsive Repairs transferred blind to HR stops recording",
                ((Element) first.getParentNode()).getAttribute("name"));
        assertTrue(first.getAttribute("message").contains("expected stop-recording citing 3.3"),
                first.getAttribute("message"));
        assertTrue(first.getTextContent().contains("+1m transferred blind to team hr"));
    }

    @Test
    void refusesAScenarioFileWithAnUnknownWordNamingTheLineAndTheWordsUnderstood()
            throws Exception {
        Path policy = copy("policy.yaml");
        Path scenarios = folder.resolve("bad.yaml");
        Files.writeString(scenarios, "staff:\n  - id: agent-202\n    teams: [responsive-repairs]\n"
                + "scenarios:\n  - name: a typo\n    steps:\n"
                + "      - +0s call from number 07700900101 to team responsive-repairs\n"
                + "      - +5s transfered blind to team hr\n"
                + "    expect:\n      clauses: []\n");

        Run run = run("verify-policy", "--policy", policy.toString(), scenarios.toString());

        assertEquals(1, run.code);
        assertTrue(run.err.contains("bad.yaml:8: scenarios[0].steps[1]"), run.err);
        assertTrue(run.err.contains("'transfered' is not understood as a step word; understood:"
                + " call, notice, answered, transferred"), run.err);
    }

    private Path withoutHrInStopList() throws Exception {
        Path policy = copy("policy.yaml");
        String text = Files.readString(policy);
        String changed = text.replace("  roles: [senior]\n  teams: [hr]\n",
                "  roles: [senior]\n  teams: []\n");
        assertTrue(!changed.equals(text), "the shipped policy lists hr in stop-recording");
        Files.writeString(policy, changed);
        return policy;
    }

    private Path copy(String name) throws Exception {
        Path target = folder.resolve(name);
        try (var in = getClass().getResourceAsStream("/callrec/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
