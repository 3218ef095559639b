package org.callrec.spi.directory;

import java.util.Optional;

/**
 * Answers who a party is. The engine asks once per party per call and keeps the answer with the
 * call's decisions, so that the call can be replayed on the answers it was decided on.
 *
 * <p>Implementations must be safe for use from many threads and must not log addresses, which
 * may be phone numbers.
 */
public interface StaffDirectory {
    /**
     * Finds the staff member behind a platform address (an extension, an account) or a staff id.
     *
     * @param address the address or staff id; never null
     * @return the staff member, or empty when the address is not staff
     */
    Optional<StaffMember> find(String address);
}
