package org.callrec.core.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scenario file as loaded: where it came from, the instant its calls start at, the staff
 * directory they run on and the scenarios.
 *
 * @param source the file the scenarios came from, named in results; never null
 * @param start the instant every call of the file starts at; never null
 * @param directory the staff directory; never null
 * @param scenarios the scenarios in the order written; never null
 */
public record ScenarioFile(String source, Instant start, ScenarioDirectory directory,
        List<CallScenario> scenarios) {

    /** The instant calls start at when a file names none. */
    public static final Instant DEFAULT_START = Instant.parse("2025-03-03T09:00:00Z");

    /** Creates a file, copying the scenarios. */
    public ScenarioFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(directory, "directory");
        scenarios = List.copyOf(scenarios);
    }
}
