package org.callrec.spi.catalogue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.callrec.spi.directory.StaffMember;

/**
 * What the staff directory said about an address when a call was decided, kept so that the call
 * can be replayed on the same answers.
 *
 * @param address the address asked about; never null
 * @param at when it was asked; never null
 * @param member the answer, or null when the address was not staff
 */
public record DirectoryAnswer(String address, Instant at, StaffMember member) {
    /** Creates an answer. */
    public DirectoryAnswer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(at, "at");
    }

    /** Returns the staff member, or empty when the address was not staff. */
    public Optional<StaffMember> staff() {
        return Optional.ofNullable(member);
    }

    @Override
    public String toString() {
        return "DirectoryAnswer[" + (member == null ? "not staff" : member.staffId()) + "]";
    }
}
