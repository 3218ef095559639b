package org.callrec.core.demand;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;

/**
 * Demand figures (clause 3.1, "customer demand analysis"): calls counted, and their durations
 * summed, per team, direction, hour of day and day, in the policy's time zone. Built from call
 * metadata in the catalogue only: it never opens a recording, as clause 5.3 leaves demand
 * analysis no use of audio. A call handled by several teams counts once for each; a call not yet
 * ended counts without a duration; a call with no start time counts under team and direction
 * only.
 */
public final class DemandReport {
    private static final List<String> DIMENSIONS = List.of("team", "direction", "hour", "day");

    private final List<DemandRow> rows;

    private DemandReport(List<DemandRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Builds the figures from every call in the catalogue.
     *
     * <p>Limitation: reads every call record into memory (the catalogue's listing does); fine
     * for one organisation's 90 days of calls, not for years of them.
     */
    public static DemandReport of(Catalogue catalogue, ZoneId zone) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(zone, "zone");
        return of(catalogue.calls(), zone);
    }

    /** Builds the figures from the given calls. */
    public static DemandReport of(List<CallRecord> calls, ZoneId zone) {
        Map<String, Map<String, long[]>> totals = new TreeMap<>();
        for (CallRecord call : calls) {
            long nanos = call.startedAt() != null && call.endedAt() != null
                    ? Duration.between(call.startedAt(), call.endedAt()).toNanos() : -1;
            for (String team : call.teams()) {
                add(totals, "team", team, nanos);
            }
            add(totals, "direction", call.direction() == null ? "unknown"
                    : call.direction().name().toLowerCase(Locale.ROOT), nanos);
            if (call.startedAt() != null) {
                ZonedDateTime start = call.startedAt().atZone(zone);
                add(totals, "hour", String.format("%02d", start.getHour()), nanos);
                add(totals, "day", start.toLocalDate().toString(), nanos);
            }
        }

        List<DemandRow> rows = new ArrayList<>();
        for (String dimension : DIMENSIONS) {
            totals.getOrDefault(dimension, Map.of()).forEach((key, sums) -> rows.add(
                    new DemandRow(dimension, key, sums[0], sums[1], Duration.ofNanos(sums[2]))));
        }
        return new DemandReport(rows);
    }

    private static void add(Map<String, Map<String, long[]>> totals, String dimension,
            String key, long nanos) {
        long[] sums = totals.computeIfAbsent(dimension, d -> new TreeMap<>())
                .computeIfAbsent(key, k -> new long[3]);
        sums[0]++;
        if (nanos >= 0) {
            sums[1]++;
            sums[2] += nanos;
        }
    }

    /** Returns the rows: by team, then direction, then hour, then day, each sorted by key. */
    public List<DemandRow> rows() {
        return rows;
    }

    /** Writes the rows as CSV with a header, durations in whole seconds. */
    public void writeCsv(Writer out) throws IOException {
        out.write("dimension,key,calls,ended,total_seconds,mean_seconds\n");
        for (DemandRow row : rows) {
            out.write(row.dimension() + "," + csv(row.key()) + "," + row.calls() + ","
                    + row.ended() + "," + row.totalDuration().toSeconds() + ","
                    + row.meanDuration().toSeconds() + "\n");
        }
    }

    /** Returns the rows as a table for a terminal. */
    public String table() {
        StringBuilder text = new StringBuilder(String.format("%-10s %-20s %6s %6s %12s %10s%n",
                "dimension", "key", "calls", "ended", "total", "mean"));
        for (DemandRow row : rows) {
            text.append(String.format("%-10s %-20s %6d %6d %12s %10s%n", row.dimension(),
                    row.key(), row.calls(), row.ended(), clock(row.totalDuration()),
                    clock(row.meanDuration())));
        }
        return text.toString();
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static String csv(String value) {
        return value.matches("[A-Za-z0-9 ._:-]*") ? value
                : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
