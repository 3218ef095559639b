package org.callrec.catalogue.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Reads and writes an {@link Instant} as the column pair {@code <name>_s} (seconds since the
 * epoch, {@code BIGINT}) and {@code <name>_ns} (nanoseconds of that second, {@code INTEGER}).
 *
 * <p>A pair, rather than a SQL timestamp, because PostgreSQL keeps timestamps to the microsecond
 * and a decision's instant must read back exactly as it was taken; rather than one count of
 * nanoseconds, because that count runs out in the year 2262 and a deadline may be far away.
 */
final class InstantColumns {
    private InstantColumns() {
    }

    /**
     * Binds an instant, or null, to the parameters at {@code index} and {@code index + 1}.
     *
     * @return the index of the next parameter
     */
    static int bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
            statement.setNull(index + 1, Types.INTEGER);
        } else {
            statement.setLong(index, instant.getEpochSecond());
            statement.setInt(index + 1, instant.getNano());
        }
        return index + 2;
    }

    /** Reads the instant in the pair named {@code name}, or null when the pair is null. */
    static Instant read(ResultSet row, String name) throws SQLException {
        long seconds = row.getLong(name + "_s");
        if (row.wasNull()) {
            return null;
        }
        return Instant.ofEpochSecond(seconds, row.getInt(name + "_ns"));
    }
}
