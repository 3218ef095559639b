package org.callrec.core.directory;

import java.util.List;
import java.util.stream.Collectors;
import org.callrec.spi.InvalidConfigurationException;

/**
 * Thrown when a staff directory file cannot be used. It carries every problem found in the
 * file, and its message lists them one per line.
 *
 * <p>The message names bad values as the file wrote them, and an address in a directory file
 * may be a phone number: show the message to the person who edits the file, and do not log it
 * where personal data must not go.
 */
public class DirectoryFileException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient List<DirectoryProblem> problems;

    /**
     * Creates the exception.
     *
     * @param file the file or stream the directory came from; never null
     * @param problems what is wrong, at least one; never null
     */
    public DirectoryFileException(String file, List<DirectoryProblem> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** Returns the file or stream the directory came from; never null. */
    public String file() {
        return file;
    }

    /** Returns every problem found, in the order of the file's lines; never empty. */
    public List<DirectoryProblem> problems() {
        return problems;
    }

    private static String message(String file, List<DirectoryProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "staff directory file " + file + " cannot be used (" + count + "):\n"
                + problems.stream()
                        .map(DirectoryProblem::describe)
                        .collect(Collectors.joining("\n"));
    }
}
