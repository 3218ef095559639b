package org.callrec.core.decision;

import org.callrec.core.policy.Policy;
import org.callrec.spi.directory.StaffDirectory;

/** Opens the engine test fixtures to tests in other packages. */
public final class EngineFixturesAccess {
    private EngineFixturesAccess() {
    }

    /** Returns the test policy, like the shipped one. */
    public static Policy policy() {
        return EngineFixtures.policy();
    }

    /** Returns the test directory: 201 reception, 202 repairs, 203 HR, 205 senior. */
    public static StaffDirectory directory() {
        return EngineFixtures.directory();
    }
}
