package org.callrec.core.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;

/**
 * The staff directory a scenario runs on: staff members with their addresses, in the order they
 * were listed, so that "team hr" always means the same person. Immutable and thread-safe.
 */
public final class ScenarioDirectory implements StaffDirectory {

    /**
     * One member with the addresses the platform knows them by.
     *
     * @param member the staff member; never null
     * @param addresses the member's addresses; the first is used when the member takes part in a
     *     scenario, and the staff id when there is none; never null
     */
    public record Entry(StaffMember member, List<String> addresses) {
        /** Creates an entry, copying the addresses. */
        public Entry {
            Objects.requireNonNull(member, "member");
            addresses = List.copyOf(addresses);
        }

        /** Returns the address the member takes part in scenario calls with. */
        public String address() {
            return addresses.isEmpty() ? member.staffId() : addresses.get(0);
        }
    }

    private final List<Entry> entries;
    private final Map<String, StaffMember> byAddress = new LinkedHashMap<>();

    private ScenarioDirectory(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry entry : this.entries) {
            byAddress.putIfAbsent(entry.member().staffId(), entry.member());
            entry.addresses().forEach(a -> byAddress.putIfAbsent(a, entry.member()));
        }
    }

    /** Returns a directory of the given entries, in that order. */
    public static ScenarioDirectory of(List<Entry> entries) {
        return new ScenarioDirectory(entries);
    }

    /** Returns a directory of members who take part by their staff ids. */
    public static ScenarioDirectory ofMembers(List<StaffMember> members) {
        List<Entry> entries = new ArrayList<>();
        members.forEach(member -> entries.add(new Entry(member, List.of())));
        return new ScenarioDirectory(entries);
    }

    /** Returns the entries in the order they were listed; never null. */
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public Optional<StaffMember> find(String address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /**
     * Returns the address a party takes part with.
     *
     * @throws IllegalArgumentException naming the party and what the directory knows when no
     *     member matches
     */
    public String addressOf(PartyRef party) {
        return switch (party.kind()) {
            case NUMBER -> party.name();
            case STAFF -> first(e -> e.member().staffId().equals(party.name()), party,
                    entries.stream().map(e -> e.member().staffId()).toList());
            case TEAM -> first(e -> e.member().isInTeam(party.name()), party,
                    entries.stream().flatMap(e -> e.member().teams().stream()).toList());
            case ROLE -> first(e -> e.member().hasRole(party.name()), party,
                    entries.stream().flatMap(e -> e.member().roles().stream()).toList());
        };
    }

    /** Returns the staff id behind a party, or null for an outside number. */
    public String staffIdOf(PartyRef party) {
        return find(addressOf(party)).map(StaffMember::staffId).orElse(null);
    }

    private String first(java.util.function.Predicate<Entry> match, PartyRef party,
            List<String> known) {
        return entries.stream().filter(match).findFirst().map(Entry::address)
                .orElseThrow(() -> new IllegalArgumentException("no " + party.kind().word()
                        + " '" + party.name() + "' in the scenario's staff directory; it knows "
                        + party.kind().word() + "s: " + new TreeSet<>(known).stream()
                                .collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return "ScenarioDirectory[" + entries.size() + " staff]";
    }
}
