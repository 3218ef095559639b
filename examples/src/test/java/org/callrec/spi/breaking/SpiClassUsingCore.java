package org.callrec.spi.breaking;

import org.callrec.core.decision.DecisionEngine;

/** Breaks the rule that the SPI sees only the JDK and its listed APIs: it reaches into core. */
public final class SpiClassUsingCore {
    private SpiClassUsingCore() {
    }

    /** Returns the version of the policy an engine applies. */
    public static String policyVersionOf(DecisionEngine engine) {
        return engine.policy().version();
    }
}
