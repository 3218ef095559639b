package org.callrec.catalogue.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.catalogue.RetentionDeadlineAlreadySetException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
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
 * carry ids and counts only; addresses and numbers never leave the database.
 *
 * <p>Created by {@link JdbcCatalogueProvider}.
 */
public final class JdbcCatalogue implements Catalogue {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogue.class);

    private final HikariDataSource pool;
    private final String loggableUrl;
    private final String schemaVersion;

    private JdbcCatalogue(HikariDataSource pool, String loggableUrl, String schemaVersion) {
        this.pool = pool;
        this.loggableUrl = loggableUrl;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the database, brings its schema up to date, and returns the catalogue on it.
     *
     * @throws CatalogueStorageException when the database cannot be opened or migrated
     */
    static JdbcCatalogue open(CatalogueSettings settings) {
        HikariDataSource pool = openPool(settings);
        try {
            String version = migrate(pool, settings);
            LOG.info("Catalogue opened at {} with schema version {} and a pool of {}",
                    settings.loggableUrl(), version, settings.poolSize());
            return new JdbcCatalogue(pool, settings.loggableUrl(), version);
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
                            CallTables.save(connection, call);
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

        List<CallRecord> found = read("find call " + callId,
                connection -> CallTables.load(connection, callId));
        return found.stream().findFirst();
    }

    /** {@inheritDoc} Calls with no start time come last; ties go by call id. */
    @Override
    public List<CallRecord> calls() {
        return read("list calls", connection -> CallTables.load(connection, null));
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
