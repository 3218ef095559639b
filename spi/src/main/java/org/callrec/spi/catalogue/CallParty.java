package org.callrec.spi.catalogue;

import java.util.Objects;

/**
 * A party to a catalogued call.
 *
 * @param role staff or external; never null
 * @param address the platform address as the adapter gave it; never null
 * @param number the phone number in E.164 form, or null when the address is not a number
 * @param staffId the staff id, or null for an external party
 */
public record CallParty(PartyRole role, String address, String number, String staffId) {
    /** Creates a party record. */
    public CallParty {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return "CallParty[" + role + (staffId == null ? "" : ", staff=" + staffId) + "]";
    }
}
