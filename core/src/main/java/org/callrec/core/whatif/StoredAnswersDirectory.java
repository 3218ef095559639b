package org.callrec.core.whatif;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callrec.spi.catalogue.DirectoryAnswer;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;

/**
 * A staff directory that answers exactly as the directory answered when a call was decided,
 * from the answers the catalogue kept with the call, so that a replay does not depend on who is
 * staff today. Immutable and thread-safe.
 */
public final class StoredAnswersDirectory implements StaffDirectory {
    private final Map<String, Optional<StaffMember>> answers = new HashMap<>();

    /**
     * Creates the directory from a call's stored answers; the first answer for an address wins.
     *
     * @param stored the answers, as {@code CallRecord.directoryAnswers()} returns them
     */
    public StoredAnswersDirectory(List<DirectoryAnswer> stored) {
        for (DirectoryAnswer answer : stored) {
            answers.putIfAbsent(answer.address(), answer.staff());
        }
    }

    /**
     * Returns the stored answer.
     *
     * <p>Limitation: an address the call's decisions never asked about is answered as not
     * staff; the engine asks about every party of every event, so a replay of the same events
     * asks only what was asked then.
     */
    @Override
    public Optional<StaffMember> find(String address) {
        return answers.getOrDefault(address, Optional.empty());
    }

    @Override
    public String toString() {
        return "StoredAnswersDirectory[" + answers.size() + " answers]";
    }
}
