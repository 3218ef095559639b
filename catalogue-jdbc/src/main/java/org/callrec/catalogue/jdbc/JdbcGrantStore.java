package org.callrec.catalogue.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.access.GrantStore;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants in the same SQL database as the catalogue, in the table {@code access_grants}
 * (migration V10). It has its own small connection pool and brings the shared schema up to date
 * when opened, so it can be opened before or after the catalogue.
 *
 * <p>Every method commits before it returns, so a revocation is seen by the next read from any
 * connection. Safe for use from many threads.
 *
 * <p>On an embedded H2 database in file or memory mode (without {@code AUTO_SERVER}) this process
 * is the only writer, so the store counts its own changes and answers {@link #revision()}; the
 * count is shared by every store on the same URL in this process. On PostgreSQL, or H2 reached as
 * a server, other processes may change grants, so it answers empty.
 */
public final class JdbcGrantStore implements GrantStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcGrantStore.class);
    private static final int POOL_SIZE = 2;
    private static final String COLUMNS = "grant_id, staff_id, purpose, scope, target,"
            + " case_reference, valid_from_s, valid_from_ns, valid_until_s, valid_until_ns,"
            + " granted_by, revoked_at_s, revoked_at_ns";

    /** Changes per single-process database URL, shared by every store on it in this process. */
    private static final Map<String, AtomicLong> CHANGES = new ConcurrentHashMap<>();

    private final HikariDataSource pool;
    private final AtomicLong changes;

    private JdbcGrantStore(HikariDataSource pool, AtomicLong changes) {
        this.pool = pool;
        this.changes = changes;
    }

    /**
     * Opens the database the settings name and brings its schema up to date.
     *
     * @throws CatalogueStorageException when the database cannot be opened or migrated
     */
    static JdbcGrantStore open(CatalogueSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("callrec-grants");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(Math.min(POOL_SIZE, settings.poolSize()));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CatalogueStorageException("could not open the grant store database at "
                    + settings.loggableUrl(), e);
        }

        try {
            Flyway.configure().dataSource(pool)
                    .locations(settings.vendor().migrationLocations()).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new CatalogueStorageException("could not bring the schema at "
                    + settings.loggableUrl() + " up to date for grants", e);
        }
        LOG.info("Grant store opened at {}", settings.loggableUrl());
        return new JdbcGrantStore(pool, isOwnedByThisProcess(settings.url())
                ? CHANGES.computeIfAbsent(settings.url(), url -> new AtomicLong()) : null);
    }

    /** Returns whether only this process can open the database: embedded H2, no server. */
    static boolean isOwnedByThisProcess(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return (lower.startsWith("jdbc:h2:file:") || lower.startsWith("jdbc:h2:mem:"))
                && !lower.contains("auto_server");
    }

    /** {@inheritDoc} */
    @Override
    public void add(Grant grant) {
        Objects.requireNonNull(grant, "grant");

        try {
            inTransaction("add grant " + grant.grantId(), connection -> {
                insert(connection, grant);
                return null;
            });
            changed();
        } catch (CatalogueStorageException e) {
            if (DeadlineTable.isUniqueViolation(e)) {
                throw new IllegalStateException("grant " + grant.grantId() + " already exists;"
                        + " a grant id is added once", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Grant> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");

        List<Grant> found = inTransaction("find grant " + grantId, connection ->
                select(connection, "WHERE grant_id = ?", grantId));
        return found.stream().findFirst();
    }

    @Override
    public List<Grant> grantsOf(String staffId) {
        Objects.requireNonNull(staffId, "staffId");

        return inTransaction("list grants of " + staffId, connection ->
                select(connection, "WHERE staff_id = ?", staffId));
    }

    @Override
    public List<Grant> grants() {
        return inTransaction("list grants", connection -> select(connection, "", null));
    }

    /** {@inheritDoc} The first revocation's instant is kept. */
    @Override
    public Optional<Grant> revoke(String grantId, Instant at) {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(at, "at");

        List<Grant> revoked = inTransaction("revoke grant " + grantId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE access_grants"
                    + " SET revoked_at_s = ?, revoked_at_ns = ?"
                    + " WHERE grant_id = ? AND revoked_at_s IS NULL")) {
                int next = InstantColumns.bind(update, 1, at);
                update.setString(next, grantId);
                update.executeUpdate();
            }
            return select(connection, "WHERE grant_id = ?", grantId);
        });
        changed();
        revoked.stream().findFirst().ifPresent(grant ->
                LOG.debug("Grant {} revoked at {}", grantId, grant.revokedAt()));
        return revoked.stream().findFirst();
    }

    /** {@inheritDoc} Empty unless this process owns the database (embedded H2, no server). */
    @Override
    public OptionalLong revision() {
        return changes == null ? OptionalLong.empty() : OptionalLong.of(changes.get());
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "JdbcGrantStore[" + pool.getPoolName() + "]";
    }

    private static void insert(Connection connection, Grant grant) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_grants ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, grant.grantId());
            insert.setString(2, grant.staffId());
            insert.setString(3, grant.purpose());
            insert.setString(4, grant.scope().name());
            insert.setString(5, grant.target());
            insert.setString(6, grant.caseReference());
            int next = InstantColumns.bind(insert, 7, grant.validFrom());
            next = InstantColumns.bind(insert, next, grant.validUntil());
            insert.setString(next, grant.grantedBy());
            InstantColumns.bind(insert, next + 1, grant.revokedAt());
            insert.executeUpdate();
        }
    }

    private static List<Grant> select(Connection connection, String where, String value)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM access_grants " + where
                + " ORDER BY valid_from_s, valid_from_ns, grant_id")) {
            if (value != null) {
                query.setString(1, value);
            }
            List<Grant> grants = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    grants.add(new Grant(row.getString("grant_id"), row.getString("staff_id"),
                            row.getString("purpose"), GrantScope.valueOf(row.getString("scope")),
                            row.getString("target"), row.getString("case_reference"),
                            InstantColumns.read(row, "valid_from"),
                            InstantColumns.read(row, "valid_until"),
                            row.getString("granted_by"),
                            InstantColumns.read(row, "revoked_at")));
                }
            }
            return grants;
        }
    }

    /** Counts a committed change, after its commit, so a reader never keeps a stale grant. */
    private void changed() {
        if (changes != null) {
            changes.incrementAndGet();
        }
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogueStorageException("grant store could not " + what
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
