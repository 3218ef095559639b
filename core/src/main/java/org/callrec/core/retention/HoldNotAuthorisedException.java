package org.callrec.core.retention;

import java.util.Set;
import java.util.TreeSet;

/**
 * Thrown when someone without an authorised role tries to place or release a hold: holds are
 * placed and released by authorised roles only (clause 4.4, read with 4.2).
 */
public class HoldNotAuthorisedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the staff id, what was tried and the roles that may. */
    public HoldNotAuthorisedException(String staffId, String what, Set<String> roles) {
        super("refused by the hold authorisation rule (clauses 4.2 and 4.4): staff '" + staffId
                + "' may not " + what + "; only holders of " + new TreeSet<>(roles) + " may");
    }
}
