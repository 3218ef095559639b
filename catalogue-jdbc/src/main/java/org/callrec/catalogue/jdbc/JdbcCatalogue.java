package org.callrec.catalogue.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.CallRecordings;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.callrec.spi.catalogue.Hold;
import org.callrec.spi.catalogue.PersonalDataSeal;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Catalogue} in a SQL database reached through a small connection pool: an embedded H2
 * database in file mode by default, or PostgreSQL.
 *
 * <p>Every method runs in one transaction and commits wholly or not at all. Reads see one
 * consistent snapshot, so a call is never read half-saved. Instances are safe for use from many
 * threads. A failure of the database is thrown as {@link CatalogueStorageException}.
 *
 * <p>Call ids are checked against {@link CallEvent#CALL_ID_PATTERN} before they reach SQL. Logs
 * carry ids and counts only. Addresses, numbers and hold reasons are stored sealed by the
 * {@link PersonalDataSeal} the catalogue was opened with, and a number is found by its blind
 * index, so a copy of the database alone reveals no one's number.
 *
 * <p>Created by {@link JdbcCatalogueProvider}.
 */
public final class JdbcCatalogue implements Catalogue {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogue.class);

    private static final String EMBEDDED_FILE = "jdbc:h2:file:";
    private static final int MAX_CLAIMANT_LENGTH = 128;

    /** Makes claims on H2 take turns within this process; see {@link #claimDueForDisposal}. */
    private static final Object H2_CLAIMS = new Object();

    private final HikariDataSource pool;
    private final String loggableUrl;
    private final String schemaVersion;
    private final SealedText sealed;
    private final String url;
    private final Vendor vendor;

    private JdbcCatalogue(HikariDataSource pool, String loggableUrl, String schemaVersion,
            SealedText sealed, String url, Vendor vendor) {
        this.pool = pool;
        this.loggableUrl = loggableUrl;
        this.schemaVersion = schemaVersion;
        this.sealed = sealed;
        this.url = url;
        this.vendor = vendor;
    }

    /**
     * Opens the database, brings its schema up to date, and returns the catalogue on it.
     *
     * @throws CatalogueStorageException when the database cannot be opened or migrated
     */
    static JdbcCatalogue open(CatalogueSettings settings, PersonalDataSeal seal) {
        SealedText sealed = new SealedText(seal);
        HikariDataSource pool = openPool(settings);
        try {
            String version = migrate(pool, settings);
            prepareConnections(pool, settings);
            LOG.info("Catalogue opened at {} with schema version {} and a pool of {}",
                    settings.loggableUrl(), version, settings.poolSize());
            return new JdbcCatalogue(pool, settings.loggableUrl(), version, sealed,
                    settings.url(), settings.vendor());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource openPool(CatalogueSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("callrec-catalogue");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // The driver's message is left to the cause: it may quote the user name.
            throw new CatalogueStorageException("could not open the catalogue database at "
                    + settings.loggableUrl(), e);
        }
    }

    /**
     * Opens every connection of the pool now and prepares the statement that adds a recording
     * on each, which the database keeps parsed for the connection's later use: the first
     * recording is then not kept waiting while connections are made, and no connection is
     * being made in the background while it is stored.
     */
    private static void prepareConnections(HikariDataSource pool, CatalogueSettings settings) {
        List<Connection> connections = new ArrayList<>(settings.poolSize());
        try {
            for (int i = 0; i < settings.poolSize(); i++) {
                Connection connection = pool.getConnection();
                connections.add(connection);
                RecordingTable.prepareInsert(connection);
            }
        } catch (SQLException e) {
            throw new CatalogueStorageException("could not open the connections of the"
                    + " catalogue at " + settings.loggableUrl() + " (SQL state "
                    + e.getSQLState() + ")", e);
        } finally {
            for (Connection connection : connections) {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("A catalogue connection could not be returned to the pool", e);
        }
    }

    private static String migrate(HikariDataSource pool, CatalogueSettings settings) {
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations(settings.vendor().migrationLocations())
                    .load();
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return current == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new CatalogueStorageException("could not bring the catalogue schema at "
                    + settings.loggableUrl() + " up to date", e);
        }
    }

    /** Returns the version of the schema after migration, such as {@code 3}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The call's row is updated (or inserted) and every child row deleted and written again,
     * in one transaction; concurrent saves of the same call take turns.
     */
    @Override
    public void saveCall(CallRecord call) {
        Objects.requireNonNull(call, "call");

        // Two first saves of the same call can both find no row and both insert; the loser
        // fails on the primary key and tries once more, when it finds the row to update.
        for (int attempt = 1; ; attempt++) {
            try {
                inTransaction("save call " + call.callId(), Connection.TRANSACTION_READ_COMMITTED,
                        connection -> {
                            CallTables.save(connection, call, sealed);
                            return null;
                        });
                break;
            } catch (CatalogueStorageException e) {
                if (attempt == 2 || !DeadlineTable.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }

        LOG.debug("Saved call {} with {} events and {} decisions", call.callId(),
                call.events().size(), call.decisions().size());
    }

    @Override
    public Optional<CallRecord> findCall(String callId) {
        CallEvent.requireCallId(callId);

        CallIdBatch batch = new CallIdBatch(List.of(callId));
        List<CallRecord> found = read("find call " + callId,
                connection -> CallTables.load(connection, batch, sealed));
        return found.stream().findFirst();
    }

    /** {@inheritDoc} Calls with no start time come last; ties go by call id. */
    @Override
    public List<CallRecord> calls() {
        return read("list calls", connection -> CallTables.load(connection, null, sealed));
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the entry carries a retention deadline, it is written as its call's deadline in
     * the same transaction, by the write-once rule of {@link #setRetentionDeadline}; when the
     * call has a different one, nothing is added. The entry's call id must match
     * {@link CallEvent#CALL_ID_PATTERN}.
     *
     * @throws RetentionDeadlineAlreadySetException when the entry's deadline differs from the
     *     call's
     */
    @Override
    public void addRecording(RecordingEntry recording) {
        Objects.requireNonNull(recording, "recording");
        CallEvent.requireCallId(recording.callId());

        try {
            inTransaction("add recording " + recording.recordingId(),
                    Connection.TRANSACTION_READ_COMMITTED, connection -> {
                        RecordingTable.insert(connection, recording);
                        if (recording.retentionDeadline() != null) {
                            DeadlineTable.write(connection, recording.callId(),
                                    recording.retentionDeadline());
                        }
                        return null;
                    });
        } catch (CatalogueStorageException e) {
            if (DeadlineTable.isUniqueViolation(e)) {
                throw new IllegalStateException("recording " + recording.recordingId()
                        + " is already catalogued; a recording id is added once", e);
            }
            throw e;
        }

        LOG.debug("Added recording {} of call {}", recording.recordingId(), recording.callId());
    }

    /**
     * Catalogues many calls and recordings at once, in one transaction and with one batch of
     * statements per table, for bringing in what another recorder kept or for building a large
     * catalogue quickly. The rows written are those {@link #saveCall} and {@link #addRecording}
     * write for each call and recording; a recording's deadline becomes its call's, as there.
     *
     * <p>Every call, every recording, and every call a recording gives a deadline must be new
     * to the catalogue: otherwise nothing is imported. A recording's call need not be among the
     * calls, as with {@link #addRecording}.
     *
     * @throws IllegalStateException when a call or recording is already catalogued, a call
     *     already has a deadline, or two recordings of one call give it different deadlines;
     *     nothing is imported
     */
    public void importAll(List<CallRecord> calls, List<RecordingEntry> recordings) {
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(recordings, "recordings");
        Map<String, Instant> deadlines = deadlinesOf(recordings);

        try {
            inTransaction("import " + calls.size() + " calls and " + recordings.size()
                    + " recordings", Connection.TRANSACTION_READ_COMMITTED, connection -> {
                        CallTables.insertAll(connection, calls, sealed);
                        RecordingTable.insertAll(connection, recordings);
                        DeadlineTable.insertAll(connection, deadlines);
                        return null;
                    });
        } catch (CatalogueStorageException e) {
            // Limitation: only H2's refusal of a batch is tested to carry the unique-violation
            // state; should a driver report a refused batch otherwise, the caller gets the
            // CatalogueStorageException instead, and still nothing is imported.
            if (DeadlineTable.isUniqueViolation(e)) {
                throw new IllegalStateException("an import adds only calls, recordings and"
                        + " deadlines not yet catalogued; one of the " + calls.size()
                        + " calls, " + recordings.size() + " recordings or " + deadlines.size()
                        + " deadlines exists, so nothing was imported", e);
            }
            throw e;
        }

        LOG.info("Imported {} call(s) and {} recording(s)", calls.size(), recordings.size());
    }

    private static Map<String, Instant> deadlinesOf(List<RecordingEntry> recordings) {
        Map<String, Instant> deadlines = new LinkedHashMap<>();
        for (RecordingEntry recording : recordings) {
            CallEvent.requireCallId(recording.callId());
            Instant deadline = recording.retentionDeadline();
            if (deadline == null) {
                continue;
            }
            Instant other = deadlines.putIfAbsent(recording.callId(), deadline);
            if (other != null && !other.equals(deadline)) {
                throw new IllegalStateException("recordings of call " + recording.callId()
                        + " give it two retention deadlines, " + other + " and " + deadline
                        + "; a call has one, so nothing was imported");
            }
        }
        return deadlines;
    }

    @Override
    public Optional<RecordingEntry> findRecording(String recordingId) {
        Objects.requireNonNull(recordingId, "recordingId");

        return Optional.ofNullable(read("find recording " + recordingId,
                connection -> RecordingTable.find(connection, recordingId)));
    }

    /** {@inheritDoc} Span order is by span start, then span id, then recording id. */
    @Override
    public List<RecordingEntry> recordingsOfCall(String callId) {
        CallEvent.requireCallId(callId);

        return read("list recordings of call " + callId,
                connection -> RecordingTable.ofCall(connection, callId));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read in one snapshot, with one query per table for each 128 calls, each answered from
     * the table's key on the call id: the cost grows with the calls asked for, never with the
     * catalogue.
     */
    @Override
    public List<CallRecordings> recordingsOfCalls(Collection<String> callIds) {
        Objects.requireNonNull(callIds, "callIds");
        callIds.forEach(CallEvent::requireCallId);
        if (callIds.isEmpty()) {
            return List.of();
        }

        Map<String, CallRecord> calls = new HashMap<>();
        Map<String, List<RecordingEntry>> recordings = new HashMap<>();
        read("read the recordings of " + callIds.size() + " calls", connection -> {
            for (CallIdBatch batch : CallIdBatch.of(callIds)) {
                for (CallRecord call : CallTables.load(connection, batch, sealed)) {
                    calls.put(call.callId(), call);
                }
                for (RecordingEntry entry : RecordingTable.ofCalls(connection, batch)) {
                    recordings.computeIfAbsent(entry.callId(), id -> new ArrayList<>())
                            .add(entry);
                }
            }
            return null;
        });

        List<CallRecordings> found = new ArrayList<>();
        for (String callId : callIds) {
            CallRecord call = calls.get(callId);
            if (call != null) {
                found.add(new CallRecordings(call, recordings.getOrDefault(callId, List.of())));
            }
        }
        return found;
    }

    /** {@inheritDoc} Oldest is by the time stored, then by recording id. */
    @Override
    public List<RecordingEntry> recordings() {
        return read("list recordings", RecordingTable::all);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The deadline is kept per call, so it applies to recordings added before and after, and
     * may be set before the call record is saved. Racing writers are decided by the database:
     * exactly one deadline is stored.
     */
    @Override
    public void setRetentionDeadline(String callId, Instant deadline) {
        CallEvent.requireCallId(callId);
        Objects.requireNonNull(deadline, "deadline");

        inTransaction("set the retention deadline of call " + callId,
                Connection.TRANSACTION_READ_COMMITTED, connection -> {
                    DeadlineTable.write(connection, callId, deadline);
                    return null;
                });

        LOG.debug("Retention deadline of call {} is {}", callId, deadline);
    }

    @Override
    public Optional<Instant> retentionDeadline(String callId) {
        CallEvent.requireCallId(callId);

        return read("read the retention deadline of call " + callId,
                connection -> DeadlineTable.find(connection, callId));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The reason is stored sealed; the case reference is stored as given.
     */
    @Override
    public void placeHold(Hold hold) {
        Objects.requireNonNull(hold, "hold");

        try {
            inTransaction("place hold " + hold.holdId(), Connection.TRANSACTION_READ_COMMITTED,
                    connection -> {
                        if (RecordingTable.find(connection, hold.recordingId()) == null) {
                            throw new IllegalStateException("recording " + hold.recordingId()
                                    + " is not catalogued, so it cannot be held");
                        }
                        HoldTable.insert(connection, hold, sealed);
                        return null;
                    });
        } catch (CatalogueStorageException e) {
            if (DeadlineTable.isUniqueViolation(e)) {
                throw new IllegalStateException("hold " + hold.holdId()
                        + " already exists; a hold id is used once", e);
            }
            throw e;
        }

        LOG.info("Hold {} placed on recording {}", hold.holdId(), hold.recordingId());
    }

    @Override
    public Hold releaseHold(String holdId, String releasedBy, Instant at) {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(releasedBy, "releasedBy");
        Objects.requireNonNull(at, "at");

        Hold released = inTransaction("release hold " + holdId,
                Connection.TRANSACTION_READ_COMMITTED, connection -> {
                    if (!HoldTable.release(connection, holdId, releasedBy, at)) {
                        throw new IllegalStateException("hold " + holdId
                                + " is not an active hold, so it cannot be released");
                    }
                    return HoldTable.find(connection, holdId, sealed);
                });
        LOG.info("Hold {} on recording {} released", holdId, released.recordingId());
        return released;
    }

    @Override
    public Optional<Hold> findHold(String holdId) {
        Objects.requireNonNull(holdId, "holdId");

        return Optional.ofNullable(read("find hold " + holdId,
                connection -> HoldTable.find(connection, holdId, sealed)));
    }

    @Override
    public List<Hold> holdsOf(String recordingId) {
        Objects.requireNonNull(recordingId, "recordingId");

        return read("list holds of recording " + recordingId,
                connection -> HoldTable.ofRecording(connection, recordingId, sealed));
    }

    @Override
    public List<Hold> activeHolds() {
        return read("list active holds", connection -> HoldTable.active(connection, sealed));
    }

    @Override
    public List<RecordingEntry> dueForDisposal(Instant asOf, int limit) {
        Objects.requireNonNull(asOf, "asOf");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }

        return read("list recordings due for disposal",
                connection -> RecordingTable.due(connection, asOf, limit));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The claim is written in the recording's row (claimant and expiry) in the transaction
     * that picks the rows. On PostgreSQL the rows are picked with {@code SELECT ... FOR UPDATE
     * SKIP LOCKED}, so sweepers on many nodes claim disjoint batches without waiting for each
     * other. On H2, whose file mode admits one process, claims take turns within the process
     * instead; that is correct for any number of sweepers in that one process.
     */
    @Override
    public List<RecordingEntry> claimDueForDisposal(Instant asOf, int limit, String claimant,
            Instant claimUntil) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(claimUntil, "claimUntil");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (claimant.isBlank() || claimant.length() > MAX_CLAIMANT_LENGTH) {
            throw new IllegalArgumentException("a claimant must be 1 to " + MAX_CLAIMANT_LENGTH
                    + " characters, was " + claimant.length() + " characters");
        }

        List<RecordingEntry> claimed;
        if (vendor == Vendor.POSTGRESQL) {
            claimed = claim(asOf, limit, claimant, claimUntil, true);
        } else {
            synchronized (H2_CLAIMS) {
                claimed = claim(asOf, limit, claimant, claimUntil, false);
            }
        }
        LOG.debug("Sweeper {} claimed {} recording(s) due by {} until {}", claimant,
                claimed.size(), asOf, claimUntil);
        return claimed;
    }

    @Override
    public void releaseClaims(String claimant) {
        Objects.requireNonNull(claimant, "claimant");

        int released = inTransaction("release the claims of a sweeper",
                Connection.TRANSACTION_READ_COMMITTED,
                connection -> RecordingTable.releaseClaims(connection, claimant));
        LOG.debug("Sweeper {} released its claim on {} recording(s)", claimant, released);
    }

    private List<RecordingEntry> claim(Instant asOf, int limit, String claimant,
            Instant claimUntil, boolean skipLocked) {
        return inTransaction("claim recordings due for disposal",
                Connection.TRANSACTION_READ_COMMITTED, connection -> RecordingTable.claimDue(
                        connection, asOf, limit, claimant, claimUntil, skipLocked));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The wrapped bytes are overwritten with zeros and then set to null. On H2 the old page
     * versions stay in the database file until it is compacted, which {@link #compact()} does.
     */
    @Override
    public void destroyWrappedKey(String recordingId) {
        Objects.requireNonNull(recordingId, "recordingId");

        inTransaction("destroy the wrapped key of recording " + recordingId,
                Connection.TRANSACTION_READ_COMMITTED, connection -> {
                    RecordingTable.destroyKey(connection, recordingId);
                    return null;
                });
        LOG.debug("Wrapped key of recording {} destroyed", recordingId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Two nodes recording the same disposal at once keep one receipt: the loser's insert
     * fails on the receipt's primary key, and it finds the winner's receipt and changes nothing.
     */
    @Override
    public void recordDisposal(DisposalReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");

        try {
            recordDisposalOnce(receipt);
        } catch (CatalogueStorageException e) {
            if (!DeadlineTable.isUniqueViolation(e)
                    || disposalOf(receipt.recordingId()).isEmpty()) {
                throw e;
            }
            LOG.debug("Disposal of recording {} was recorded by another node",
                    receipt.recordingId());
            return;
        }
        LOG.debug("Disposal of recording {} recorded", receipt.recordingId());
    }

    private void recordDisposalOnce(DisposalReceipt receipt) {
        inTransaction("record the disposal of recording " + receipt.recordingId(),
                Connection.TRANSACTION_READ_COMMITTED, connection -> {
                    RecordingEntry entry = RecordingTable.find(connection, receipt.recordingId());
                    if (entry != null && entry.wrappedKey() != null) {
                        throw new IllegalStateException("recording " + receipt.recordingId()
                                + " still has its wrapped key; the key is destroyed before a"
                                + " disposal is recorded");
                    }
                    DisposalTable.insertOnce(connection, receipt);
                    RecordingTable.delete(connection, receipt.recordingId());
                    HoldTable.deleteReleased(connection, receipt.recordingId());
                    if (RecordingTable.countOfCall(connection, receipt.callId()) == 0) {
                        CallTables.erasePersonalData(connection, receipt.callId());
                    }
                    return null;
                });
    }

    @Override
    public Optional<DisposalReceipt> disposalOf(String recordingId) {
        Objects.requireNonNull(recordingId, "recordingId");

        return Optional.ofNullable(read("find the disposal of recording " + recordingId,
                connection -> DisposalTable.find(connection, recordingId)));
    }

    @Override
    public List<DisposalReceipt> disposals() {
        return read("list disposals", DisposalTable::all);
    }

    @Override
    public void addReference(String callId, String reference) {
        CallEvent.requireCallId(callId);
        checkReference(reference);

        inTransaction("attach a reference to call " + callId,
                Connection.TRANSACTION_READ_COMMITTED, connection -> {
                    SubjectIndex.addReference(connection, callId, reference);
                    return null;
                });
    }

    @Override
    public Set<String> referencesOf(String callId) {
        CallEvent.requireCallId(callId);

        return read("list references of call " + callId,
                connection -> SubjectIndex.referencesOf(connection, callId));
    }

    @Override
    public Set<String> callsWithNumberIndex(String blindIndex) {
        Objects.requireNonNull(blindIndex, "blindIndex");

        return read("find calls by number index",
                connection -> SubjectIndex.byNumberIndex(connection, blindIndex));
    }

    @Override
    public Set<String> callsWithStaff(String staffId) {
        Objects.requireNonNull(staffId, "staffId");

        return read("find calls by staff id",
                connection -> SubjectIndex.byStaff(connection, staffId));
    }

    @Override
    public Set<String> callsWithReference(String reference) {
        checkReference(reference);

        return read("find calls by reference",
                connection -> SubjectIndex.byReference(connection, reference));
    }

    /**
     * Closes the catalogue and rewrites an embedded H2 database file so that deleted and
     * overwritten values (destroyed wrapped keys, erased addresses) no longer sit in old pages.
     * Run it after a sweep. The file is rewritten uncompressed, so a byte scan of it shows
     * exactly what it still holds; H2 writes the copy beside the file and renames it into place,
     * so a process killed meanwhile leaves the old file whole. For other databases, and for an H2
     * file opened read-only or encrypted, it only closes: PostgreSQL's {@code VACUUM FULL} is
     * the operator's to schedule.
     *
     * @throws CatalogueStorageException when the file cannot be rewritten
     */
    public void compact() {
        close();
        String file = embeddedDatabaseFile(url);
        if (file == null) {
            LOG.debug("Catalogue at {} is not a writable embedded H2 file; not compacted",
                    loggableUrl);
            return;
        }

        try {
            MVStoreTool.compact(file, false);
        } catch (RuntimeException e) {
            throw new CatalogueStorageException("catalogue could not compact the database at "
                    + loggableUrl, e);
        }
        LOG.info("Catalogue at {} compacted", loggableUrl);
    }

    /**
     * Returns the file of an embedded H2 database that compaction may rewrite: the URL's path up
     * to its first {@code ;} (where H2's settings begin) with H2's suffix, or null when the URL
     * is not an H2 file, or opens its data read-only or encrypted.
     */
    static String embeddedDatabaseFile(String url) {
        if (!url.startsWith(EMBEDDED_FILE)) {
            return null;
        }

        int settingsAt = url.indexOf(';');
        String path = url.substring(EMBEDDED_FILE.length(),
                settingsAt < 0 ? url.length() : settingsAt);
        String settings = settingsAt < 0 ? "" : url.substring(settingsAt).toUpperCase(Locale.ROOT);
        // A read-only catalogue promises not to change a byte; an encrypted one needs its key,
        // which the offline compaction does not take.
        boolean readOnly = settings.contains(";ACCESS_MODE_DATA=R");
        boolean encrypted = settings.contains(";CIPHER=");
        if (path.isBlank() || readOnly || encrypted) {
            return null;
        }
        return path + ".mv.db";
    }

    private static void checkReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isBlank() || reference.length() > 128
                || reference.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a reference must be 1 to 128 printable"
                    + " characters, was " + reference.length() + " characters");
        }
    }

    /** Closes the connection pool; H2 closes its database when the last connection goes. */
    @Override
    public void close() {
        if (!pool.isClosed()) {
            pool.close();
            LOG.info("Catalogue at {} closed", loggableUrl);
        }
    }

    @Override
    public String toString() {
        return "JdbcCatalogue[" + loggableUrl + ", schema " + schemaVersion + "]";
    }

    private <T> T read(String what, Work<T> work) {
        // Repeatable read gives each read one snapshot, so the many selects of a call record
        // cannot straddle a concurrent save.
        return inTransaction(what, Connection.TRANSACTION_REPEATABLE_READ, work);
    }

    private <T> T inTransaction(String what, int isolation, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setTransactionIsolation(isolation);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            // Limitation: the cause's message comes from the driver, and H2 quotes the values
            // of a statement it refuses; a caller that logs the whole stack trace of a failed
            // saveCall could log an address. Our own message names only ids.
            throw new CatalogueStorageException("catalogue could not " + what + " (SQL state "
                    + e.getSQLState() + ")", e);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** One step of work on a connection inside a transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
