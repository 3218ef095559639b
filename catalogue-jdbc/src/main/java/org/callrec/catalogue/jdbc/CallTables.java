package org.callrec.catalogue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.call.TransferKind;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.DirectoryAnswer;
import org.callrec.spi.catalogue.Evidence;
import org.callrec.spi.catalogue.PartyRole;
import org.callrec.spi.directory.StaffMember;

/**
 * The SQL of a {@link CallRecord}: the {@code calls} row and its child tables. Each method works
 * inside the caller's transaction and neither commits nor rolls back.
 */
final class CallTables {
    /** Children before the rows they refer to, so that deleting in this order breaks no key. */
    private static final List<String> CHILD_TABLES = List.of(
            "decision_commands", "decision_clauses", "decisions", "call_events",
            "directory_answer_teams", "directory_answer_roles", "directory_answers",
            "call_evidence", "call_parties", "call_flags", "call_teams");

    private static final String EVENT_COLUMNS = "ev_type, ev_call_id, ev_at_s, ev_at_ns, ev_party,"
            + " ev_target, ev_direction, ev_transfer_kind, ev_staff_id, ev_detail, ev_source";
    private static final String EVENT_PARAMETERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private CallTables() {
    }

    /**
     * Writes the call's row and replaces all of its children.
     *
     * @throws SQLException with state 23505 when another transaction inserted the same call
     *     first; the caller retries, and then finds the row to update
     */
    static void save(Connection connection, CallRecord call, SealedText sealed)
            throws SQLException {
        writeCallRow(connection, call);

        // The row written above stays locked until commit, so a concurrent save of the same call
        // waits here instead of interleaving its children with ours.
        for (String table : CHILD_TABLES) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE call_id = ?")) {
                delete.setString(1, call.callId());
                delete.executeUpdate();
            }
        }

        insertChildren(connection, List.of(call), sealed);
    }

    /**
     * Inserts the rows of calls not yet catalogued and all of their children, with one batch per
     * table, so that importing many calls costs a few statements rather than a few per call.
     * The rows are those {@link #save} writes for each call.
     *
     * @throws SQLException with state 23505 when one of the calls is catalogued already
     */
    static void insertAll(Connection connection, List<CallRecord> calls, SealedText sealed)
            throws SQLException {
        String insert = "INSERT INTO calls (direction, lawful_basis, policy_version, started_s,"
                + " started_ns, ended_s, ended_ns, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (CallRecord call : calls) {
                int next = bindCallColumns(statement, 1, call);
                statement.setString(next, call.callId());
                statement.addBatch();
            }
            statement.executeBatch();
        }

        insertChildren(connection, calls, sealed);
    }

    private static void insertChildren(Connection connection, List<CallRecord> calls,
            SealedText sealed) throws SQLException {
        insertNames(connection, "INSERT INTO call_teams (call_id, team) VALUES (?, ?)",
                calls, CallRecord::teams);
        insertNames(connection, "INSERT INTO call_flags (call_id, flag) VALUES (?, ?)",
                calls, CallRecord::flags);
        insertParties(connection, calls, sealed);
        insertEvidence(connection, calls);
        insertEvents(connection, calls, sealed);
        insertDecisions(connection, calls, sealed);
        insertDirectoryAnswers(connection, calls, sealed);
    }

    private static void writeCallRow(Connection connection, CallRecord call) throws SQLException {
        String update = "UPDATE calls SET direction = ?, lawful_basis = ?, policy_version = ?,"
                + " started_s = ?, started_ns = ?, ended_s = ?, ended_ns = ? WHERE call_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            int next = bindCallColumns(statement, 1, call);
            statement.setString(next, call.callId());
            if (statement.executeUpdate() == 1) {
                return;
            }
        }

        String insert = "INSERT INTO calls (direction, lawful_basis, policy_version, started_s,"
                + " started_ns, ended_s, ended_ns, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            int next = bindCallColumns(statement, 1, call);
            statement.setString(next, call.callId());
            statement.executeUpdate();
        }
    }

    private static int bindCallColumns(PreparedStatement statement, int index, CallRecord call)
            throws SQLException {
        statement.setString(index, name(call.direction()));
        statement.setString(index + 1, call.lawfulBasis());
        statement.setString(index + 2, call.policyVersion());
        int next = InstantColumns.bind(statement, index + 3, call.startedAt());
        return InstantColumns.bind(statement, next, call.endedAt());
    }

    private static void insertNames(Connection connection, String sql, List<CallRecord> calls,
            Function<CallRecord, Set<String>> names) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                // Sorted only so that the same record always writes the same rows in the same
                // order.
                for (String name : new TreeSet<>(names.apply(call))) {
                    statement.setString(1, call.callId());
                    statement.setString(2, name);
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertParties(Connection connection, List<CallRecord> calls,
            SealedText sealed) throws SQLException {
        String sql = "INSERT INTO call_parties (call_id, seq, party_role, address, e164_number,"
                + " staff_id, number_index) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int seq = 0; seq < call.parties().size(); seq++) {
                    CallParty party = call.parties().get(seq);
                    statement.setString(1, call.callId());
                    statement.setInt(2, seq);
                    statement.setString(3, party.role().name());
                    statement.setString(4, sealed.seal(party.address(), call.callId()));
                    statement.setString(5, sealed.seal(party.number(), call.callId()));
                    statement.setString(6, party.staffId());
                    statement.setString(7, sealed.blindIndex(party.number()));
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertEvidence(Connection connection, List<CallRecord> calls)
            throws SQLException {
        String sql = "INSERT INTO call_evidence (call_id, seq, kind, at_s, at_ns, staff_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int seq = 0; seq < call.evidence().size(); seq++) {
                    Evidence evidence = call.evidence().get(seq);
                    statement.setString(1, call.callId());
                    statement.setInt(2, seq);
                    statement.setString(3, evidence.kind());
                    int next = InstantColumns.bind(statement, 4, evidence.at());
                    statement.setString(next, evidence.staffId());
                    statement.setString(next + 1, evidence.detail());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertEvents(Connection connection, List<CallRecord> calls,
            SealedText sealed) throws SQLException {
        String sql = "INSERT INTO call_events (call_id, seq, " + EVENT_COLUMNS + ") VALUES (?, ?, "
                + EVENT_PARAMETERS + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int seq = 0; seq < call.events().size(); seq++) {
                    statement.setString(1, call.callId());
                    statement.setInt(2, seq);
                    bindEvent(statement, 3, call.events().get(seq), sealed, call.callId());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertDecisions(Connection connection, List<CallRecord> calls,
            SealedText sealed) throws SQLException {
        String sql = "INSERT INTO decisions (call_id, seq, decision_call_id, at_s, at_ns,"
                + " policy_version, reason, " + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, "
                + EVENT_PARAMETERS + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int seq = 0; seq < call.decisions().size(); seq++) {
                    Decision decision = call.decisions().get(seq);
                    statement.setString(1, call.callId());
                    statement.setInt(2, seq);
                    statement.setString(3, decision.callId());
                    int next = InstantColumns.bind(statement, 4, decision.at());
                    statement.setString(next, decision.policyVersion());
                    statement.setString(next + 1, decision.reason());
                    bindEvent(statement, next + 2, decision.event(), sealed, call.callId());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }

        insertCommands(connection, calls);
        insertClauses(connection, calls);
    }

    private static void insertCommands(Connection connection, List<CallRecord> calls)
            throws SQLException {
        String sql = "INSERT INTO decision_commands (call_id, decision_seq, seq, command_type,"
                + " command_call_id, span_id) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int decision = 0; decision < call.decisions().size(); decision++) {
                    List<RecordingCommand> commands = call.decisions().get(decision).commands();
                    for (int seq = 0; seq < commands.size(); seq++) {
                        RecordingCommand command = commands.get(seq);
                        statement.setString(1, call.callId());
                        statement.setInt(2, decision);
                        statement.setInt(3, seq);
                        statement.setString(4, command.type().name());
                        statement.setString(5, command.callId());
                        statement.setString(6, command.spanId());
                        statement.addBatch();
                    }
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertClauses(Connection connection, List<CallRecord> calls)
            throws SQLException {
        String sql = "INSERT INTO decision_clauses (call_id, decision_seq, seq, clause)"
                + " VALUES (?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int decision = 0; decision < call.decisions().size(); decision++) {
                    List<String> clauses = call.decisions().get(decision).clauses();
                    for (int seq = 0; seq < clauses.size(); seq++) {
                        statement.setString(1, call.callId());
                        statement.setInt(2, decision);
                        statement.setInt(3, seq);
                        statement.setString(4, clauses.get(seq));
                        statement.addBatch();
                    }
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertDirectoryAnswers(Connection connection, List<CallRecord> calls,
            SealedText sealed) throws SQLException {
        String sql = "INSERT INTO directory_answers (call_id, seq, address, at_s, at_ns, staff_id)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int seq = 0; seq < call.directoryAnswers().size(); seq++) {
                    DirectoryAnswer answer = call.directoryAnswers().get(seq);
                    statement.setString(1, call.callId());
                    statement.setInt(2, seq);
                    statement.setString(3, sealed.seal(answer.address(), call.callId()));
                    int next = InstantColumns.bind(statement, 4, answer.at());
                    statement.setString(next, answer.member() == null ? null
                            : answer.member().staffId());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }

        insertMemberships(connection, calls, "directory_answer_teams", "team",
                StaffMember::teams);
        insertMemberships(connection, calls, "directory_answer_roles", "staff_role",
                StaffMember::roles);
    }

    private static void insertMemberships(Connection connection, List<CallRecord> calls,
            String table, String column, Function<StaffMember, Set<String>> names)
            throws SQLException {
        String sql = "INSERT INTO " + table + " (call_id, answer_seq, " + column
                + ") VALUES (?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (CallRecord call : calls) {
                for (int seq = 0; seq < call.directoryAnswers().size(); seq++) {
                    StaffMember member = call.directoryAnswers().get(seq).member();
                    if (member == null) {
                        continue;
                    }
                    for (String name : new TreeSet<>(names.apply(member))) {
                        statement.setString(1, call.callId());
                        statement.setInt(2, seq);
                        statement.setString(3, name);
                        statement.addBatch();
                    }
                }
            }
            statement.executeBatch();
        }
    }

    /** Binds the eleven {@code ev_} columns from {@code index}. */
    private static void bindEvent(PreparedStatement statement, int index, CallEvent event,
            SealedText sealed, String callId) throws SQLException {
        statement.setString(index, event.type().name());
        statement.setString(index + 1, event.callId());
        int next = InstantColumns.bind(statement, index + 2, event.at());
        statement.setString(next, sealed.seal(address(event.party()), callId));
        statement.setString(next + 1, sealed.seal(address(event.target()), callId));
        statement.setString(next + 2, name(event.direction()));
        statement.setString(next + 3, name(event.transferKind()));
        statement.setString(next + 4, event.staffId());
        statement.setString(next + 5, event.detail());
        statement.setString(next + 6, event.source());
    }

    /**
     * Deletes what of a call names or addresses a person: parties, events, decisions (which
     * repeat the events), directory answers and references. The call's row, teams, flags and
     * evidence stay, for demand figures and to show what was decided on.
     */
    static void erasePersonalData(Connection connection, String callId) throws SQLException {
        List<String> tables = new ArrayList<>(List.of("decision_commands", "decision_clauses",
                "decisions", "call_events", "directory_answer_teams", "directory_answer_roles",
                "directory_answers", "call_parties", "call_references"));
        for (String table : tables) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE call_id = ?")) {
                delete.setString(1, callId);
                delete.executeUpdate();
            }
        }
    }

    /**
     * Reads call records, oldest first (calls with no start last), then by id, with one query
     * per table however many calls the batch holds.
     *
     * @param batch the calls to read, or null to read every call
     */
    static List<CallRecord> load(Connection connection, CallIdBatch batch, SealedText sealed)
            throws SQLException {
        // Limitation: with no batch, every call is read into memory at once, with each child
        // table read whole; fine for one landlord's months of calls, not for millions. Subject
        // access reads by batch; the tool's listing will want a paged query.
        Map<String, Set<String>> teams = readNames(connection, "call_teams", "team", batch);
        Map<String, Set<String>> flags = readNames(connection, "call_flags", "flag", batch);
        Map<String, List<CallParty>> parties = readParties(connection, batch, sealed);
        Map<String, List<Evidence>> evidence = readEvidence(connection, batch);
        Map<String, List<CallEvent>> events = readEvents(connection, batch, sealed);
        Map<String, List<Decision>> decisions = readDecisions(connection, batch, sealed);
        Map<String, List<DirectoryAnswer>> answers =
                readDirectoryAnswers(connection, batch, sealed);

        String sql = "SELECT call_id, direction, lawful_basis, policy_version, started_s,"
                + " started_ns, ended_s, ended_ns FROM calls" + filter(batch)
                + " ORDER BY started_s ASC NULLS LAST, started_ns ASC NULLS LAST, call_id";
        List<CallRecord> calls = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String id = row.getString("call_id");
                calls.add(new CallRecord(id,
                        enumOrNull(Direction.class, row.getString("direction")),
                        teams.getOrDefault(id, Set.of()),
                        parties.getOrDefault(id, List.of()),
                        evidence.getOrDefault(id, List.of()),
                        flags.getOrDefault(id, Set.of()),
                        row.getString("lawful_basis"),
                        row.getString("policy_version"),
                        InstantColumns.read(row, "started"),
                        InstantColumns.read(row, "ended"),
                        decisions.getOrDefault(id, List.of()),
                        events.getOrDefault(id, List.of()),
                        answers.getOrDefault(id, List.of())));
            }
        }
        return calls;
    }

    private static Map<String, Set<String>> readNames(Connection connection, String table,
            String column, CallIdBatch batch) throws SQLException {
        String sql = "SELECT call_id, " + column + " FROM " + table + filter(batch);
        Map<String, Set<String>> names = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                names.computeIfAbsent(row.getString(1), id -> new HashSet<>())
                        .add(row.getString(2));
            }
        }
        return names;
    }

    private static Map<String, List<CallParty>> readParties(Connection connection,
            CallIdBatch batch, SealedText sealed) throws SQLException {
        String sql = "SELECT call_id, party_role, address, e164_number, staff_id FROM call_parties"
                + filter(batch) + " ORDER BY call_id, seq";
        Map<String, List<CallParty>> parties = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String id = row.getString("call_id");
                parties.computeIfAbsent(id, key -> new ArrayList<>())
                        .add(new CallParty(PartyRole.valueOf(row.getString("party_role")),
                                sealed.open(row.getString("address"), id),
                                sealed.open(row.getString("e164_number"), id),
                                row.getString("staff_id")));
            }
        }
        return parties;
    }

    private static Map<String, List<Evidence>> readEvidence(Connection connection,
            CallIdBatch batch)
            throws SQLException {
        String sql = "SELECT call_id, kind, at_s, at_ns, staff_id, detail FROM call_evidence"
                + filter(batch) + " ORDER BY call_id, seq";
        Map<String, List<Evidence>> evidence = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                evidence.computeIfAbsent(row.getString("call_id"), id -> new ArrayList<>())
                        .add(new Evidence(row.getString("kind"), InstantColumns.read(row, "at"),
                                row.getString("staff_id"), row.getString("detail")));
            }
        }
        return evidence;
    }

    private static Map<String, List<CallEvent>> readEvents(Connection connection,
            CallIdBatch batch, SealedText sealed) throws SQLException {
        String sql = "SELECT call_id, " + EVENT_COLUMNS + " FROM call_events" + filter(batch)
                + " ORDER BY call_id, seq";
        Map<String, List<CallEvent>> events = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String id = row.getString("call_id");
                events.computeIfAbsent(id, key -> new ArrayList<>())
                        .add(readEvent(row, sealed, id));
            }
        }
        return events;
    }

    private static Map<String, List<Decision>> readDecisions(Connection connection,
            CallIdBatch batch, SealedText sealed) throws SQLException {
        Map<Position, List<RecordingCommand>> commands = readCommands(connection, batch);
        Map<Position, List<String>> clauses = readClauses(connection, batch);

        String sql = "SELECT call_id, seq, decision_call_id, at_s, at_ns, policy_version, reason, "
                + EVENT_COLUMNS + " FROM decisions" + filter(batch) + " ORDER BY call_id, seq";
        Map<String, List<Decision>> decisions = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Position position = new Position(row.getString("call_id"), row.getInt("seq"));
                decisions.computeIfAbsent(position.callId(), id -> new ArrayList<>())
                        .add(new Decision(row.getString("decision_call_id"),
                                InstantColumns.read(row, "at"),
                                readEvent(row, sealed, position.callId()),
                                commands.getOrDefault(position, List.of()),
                                row.getString("policy_version"),
                                clauses.getOrDefault(position, List.of()),
                                row.getString("reason")));
            }
        }
        return decisions;
    }

    private static Map<Position, List<RecordingCommand>> readCommands(Connection connection,
            CallIdBatch batch) throws SQLException {
        String sql = "SELECT call_id, decision_seq, command_type, command_call_id, span_id"
                + " FROM decision_commands" + filter(batch)
                + " ORDER BY call_id, decision_seq, seq";
        Map<Position, List<RecordingCommand>> commands = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Position decision = new Position(row.getString("call_id"),
                        row.getInt("decision_seq"));
                commands.computeIfAbsent(decision, id -> new ArrayList<>())
                        .add(new RecordingCommand(
                                CommandType.valueOf(row.getString("command_type")),
                                row.getString("command_call_id"), row.getString("span_id")));
            }
        }
        return commands;
    }

    private static Map<Position, List<String>> readClauses(Connection connection,
            CallIdBatch batch)
            throws SQLException {
        String sql = "SELECT call_id, decision_seq, clause FROM decision_clauses" + filter(batch)
                + " ORDER BY call_id, decision_seq, seq";
        Map<Position, List<String>> clauses = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Position decision = new Position(row.getString("call_id"),
                        row.getInt("decision_seq"));
                clauses.computeIfAbsent(decision, id -> new ArrayList<>())
                        .add(row.getString("clause"));
            }
        }
        return clauses;
    }

    private static Map<String, List<DirectoryAnswer>> readDirectoryAnswers(Connection connection,
            CallIdBatch batch, SealedText sealed) throws SQLException {
        Map<Position, Set<String>> teams = readMemberships(connection, "directory_answer_teams",
                "team", batch);
        Map<Position, Set<String>> roles = readMemberships(connection, "directory_answer_roles",
                "staff_role", batch);

        String sql = "SELECT call_id, seq, address, at_s, at_ns, staff_id FROM directory_answers"
                + filter(batch) + " ORDER BY call_id, seq";
        Map<String, List<DirectoryAnswer>> answers = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Position position = new Position(row.getString("call_id"), row.getInt("seq"));
                String staffId = row.getString("staff_id");
                StaffMember member = staffId == null ? null : new StaffMember(staffId,
                        teams.getOrDefault(position, Set.of()),
                        roles.getOrDefault(position, Set.of()));
                answers.computeIfAbsent(position.callId(), id -> new ArrayList<>())
                        .add(new DirectoryAnswer(
                                sealed.open(row.getString("address"), position.callId()),
                                InstantColumns.read(row, "at"), member));
            }
        }
        return answers;
    }

    private static Map<Position, Set<String>> readMemberships(Connection connection,
            String table, String column, CallIdBatch batch) throws SQLException {
        String sql = "SELECT call_id, answer_seq, " + column + " FROM " + table + filter(batch);
        Map<Position, Set<String>> names = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, batch);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                names.computeIfAbsent(new Position(row.getString(1), row.getInt(2)),
                        position -> new HashSet<>()).add(row.getString(3));
            }
        }
        return names;
    }

    private static CallEvent readEvent(ResultSet row, SealedText sealed, String callId)
            throws SQLException {
        Instant at = InstantColumns.read(row, "ev_at");
        return new CallEvent(CallEventType.valueOf(row.getString("ev_type")),
                row.getString("ev_call_id"), at,
                partyOrNull(sealed.open(row.getString("ev_party"), callId)),
                partyOrNull(sealed.open(row.getString("ev_target"), callId)),
                enumOrNull(Direction.class, row.getString("ev_direction")),
                enumOrNull(TransferKind.class, row.getString("ev_transfer_kind")),
                row.getString("ev_staff_id"),
                row.getString("ev_detail"),
                row.getString("ev_source"));
    }

    private static String filter(CallIdBatch batch) {
        return batch == null ? "" : " WHERE " + batch.condition("call_id");
    }

    private static PreparedStatement prepare(Connection connection, String sql,
            CallIdBatch batch) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            if (batch != null) {
                batch.bind(statement, 1);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static String address(Party party) {
        return party == null ? null : party.address();
    }

    private static Party partyOrNull(String address) {
        return address == null ? null : new Party(address);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** A row of a list that belongs to a call: a decision or a directory answer. */
    private record Position(String callId, int seq) {
    }
}
