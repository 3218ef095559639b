package org.callrec.catalogue.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Some call ids read with one {@code IN (...)} condition, so that reading many calls costs the
 * same few statements as reading one. A batch holds at most {@value #MOST} ids, and its list of
 * parameters is padded to a power of two by repeating its last id, so that the database sees a
 * handful of statement shapes rather than one per count.
 *
 * @param ids the distinct ids of the batch, at least one
 */
record CallIdBatch(List<String> ids) {
    /** The most ids in one batch, well within every driver's limit on parameters. */
    static final int MOST = 128;

    CallIdBatch {
        ids = List.copyOf(ids);
        if (ids.isEmpty() || ids.size() > MOST) {
            throw new IllegalArgumentException("a batch holds 1 to " + MOST + " call ids, was "
                    + ids.size());
        }
    }

    /** Splits the ids into batches, each id once, in the order given. */
    static List<CallIdBatch> of(Collection<String> callIds) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(callIds));
        List<CallIdBatch> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MOST) {
            batches.add(new CallIdBatch(
                    distinct.subList(from, Math.min(distinct.size(), from + MOST))));
        }
        return batches;
    }

    /** Returns {@code column IN (?, ...)} with one parameter per padded place. */
    String condition(String column) {
        return column + " IN (" + String.join(", ", Collections.nCopies(places(), "?")) + ")";
    }

    /**
     * Binds the ids to the parameters from {@code first} on, the last id repeated to fill the
     * padded places.
     *
     * @return the index of the next parameter
     */
    int bind(PreparedStatement statement, int first) throws SQLException {
        for (int place = 0; place < places(); place++) {
            statement.setString(first + place, ids.get(Math.min(place, ids.size() - 1)));
        }
        return first + places();
    }

    private int places() {
        return ids.size() == 1 ? 1 : Integer.highestOneBit(ids.size() - 1) << 1;
    }
}
