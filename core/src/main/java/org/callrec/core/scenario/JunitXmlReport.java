package org.callrec.core.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes scenario results in the JUnit XML report format that CI systems and report viewers
 * read: one {@code testsuite} per scenario file, one {@code testcase} per scenario, and for a
 * scenario that failed a {@code failure} whose text is the same readable difference
 * {@code verify-policy} prints.
 */
public final class JunitXmlReport {

    private JunitXmlReport() {
    }

    /**
     * Writes a report.
     *
     * @param suites the results of each scenario file, keyed in the order given by their source
     * @param policyVersion the version of the policy the scenarios ran against; never null
     * @param file where to write; replaced if it exists
     * @throws IOException when the file cannot be written
     */
    public static void write(List<List<ScenarioResult>> suites, String policyVersion, Path file)
            throws IOException {
        Objects.requireNonNull(policyVersion, "policyVersion");
        Document document = newDocument();
        Element root = document.createElement("testsuites");
        root.setAttribute("name", "callrec verify-policy (policy " + policyVersion + ")");
        document.appendChild(root);

        int tests = 0;
        int failures = 0;
        for (List<ScenarioResult> results : suites) {
            if (results.isEmpty()) {
                continue;
            }
            Element suite = suite(document, results);
            root.appendChild(suite);
            tests += results.size();
            failures += (int) results.stream().filter(r -> !r.passed()).count();
        }
        root.setAttribute("tests", Integer.toString(tests));
        root.setAttribute("failures", Integer.toString(failures));

        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("cannot write the JUnit XML report " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static Element suite(Document document, List<ScenarioResult> results) {
        Element suite = document.createElement("testsuite");
        String source = results.get(0).source();
        suite.setAttribute("name", source);
        suite.setAttribute("tests", Integer.toString(results.size()));
        suite.setAttribute("failures",
                Long.toString(results.stream().filter(r -> !r.passed()).count()));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", "0");
        for (ScenarioResult result : results) {
            Element testcase = document.createElement("testcase");
            testcase.setAttribute("classname", source);
            testcase.setAttribute("name", result.scenario().name());
            testcase.setAttribute("time", "0");
            if (!result.passed()) {
                Element failure = document.createElement("failure");
                StepOutcome first = result.divergingSteps().stream().findFirst().orElse(null);
                failure.setAttribute("message", first == null ? result.differences().get(0)
                        : "step " + first.number() + ": expected "
                                + first.step().expected().describe() + ", actual "
                                + new ExpectedDecision(first.commands(),
                                        first.decision().clauses()).describe());
                failure.setAttribute("type", "ScenarioFailed");
                failure.setTextContent(result.describe());
                testcase.appendChild(failure);
            }
            suite.appendChild(testcase);
        }
        return suite;
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("every Java runtime can build an XML document", e);
        }
    }
}
