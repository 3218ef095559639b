package org.callrec.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.scenario.JunitXmlReport;
import org.callrec.core.scenario.ScenarioFile;
import org.callrec.core.scenario.ScenarioLoader;
import org.callrec.core.scenario.ScenarioResult;
import org.callrec.core.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code callrec verify-policy}: runs a policy file against scenario files and prints, per
 * scenario, PASS or the step that diverged with the expected and the actual decision and the
 * clause cited. Exits 0 only when every scenario passes.
 */
@Command(name = "verify-policy", mixinStandardHelpOptions = true,
        description = "Runs a policy file against call scenario files (YAML) and reports each"
                + " scenario as PASS or the difference. Exit code 0 only when all pass.")
final class VerifyPolicyCommand implements Callable<Integer> {
    @ParentCommand
    private CallrecCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "The policy file under test (YAML).")
    private Path policyFile;

    @Option(names = "--junit-xml", paramLabel = "FILE",
            description = "Also write the results as a JUnit XML report, for a CI system.")
    private Path junitXml;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on failure.")
    private boolean verbose;

    @Parameters(paramLabel = "SCENARIO", arity = "1..*",
            description = "Scenario files (YAML).")
    private List<Path> scenarioFiles;

    @Override
    public Integer call() throws Exception {
        Logging.configure(false);
        PrintWriter out = spec.commandLine().getOut();
        Policy policy = new PolicyLoader(parent.clock()).load(policyFile);
        ScenarioRunner runner = new ScenarioRunner(policy);
        ScenarioLoader loader = new ScenarioLoader();

        List<List<ScenarioResult>> suites = new ArrayList<>();
        int passed = 0;
        int total = 0;
        for (Path file : scenarioFiles) {
            ScenarioFile scenarios = loader.load(file);
            out.printf("%s against policy %s %s%n", file, policy.organisation(),
                    policy.version());
            List<ScenarioResult> results = runner.run(scenarios);
            for (ScenarioResult result : results) {
                out.println(result.describe());
                passed += result.passed() ? 1 : 0;
            }
            total += results.size();
            suites.add(results);
            out.println();
        }

        if (junitXml != null) {
            JunitXmlReport.write(suites, policy.version(), junitXml);
            out.printf("JUnit XML report written to %s%n", junitXml);
        }
        out.printf("%d of %d scenario(s) passed%s%n", passed, total,
                passed == total ? "" : "; " + (total - passed) + " FAILED");
        return passed == total ? 0 : 1;
    }
}
