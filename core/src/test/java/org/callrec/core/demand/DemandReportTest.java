package org.callrec.core.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.callrec.spi.call.Direction;
import org.callrec.spi.catalogue.CallRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Clause 3.1: demand figures from metadata only")
class DemandReportTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static CallRecord call(String id, Set<String> teams, Direction direction,
            Instant start, Duration length) {
        return new CallRecord(id, direction, teams, List.of(), List.of(), Set.of(),
                "legitimate-interests", "1.0", start, length == null ? null : start.plus(length),
                List.of(), List.of(), List.of());
    }

    @Test
    void countsCallsAndSumsDurationsPerTeamDirectionHourAndDayInThePolicysZone()
            throws IOException {
        List<CallRecord> calls = List.of(
                call("c1", Set.of("reception"), Direction.INBOUND,
                        Instant.parse("2025-07-01T08:10:00Z"), Duration.ofMinutes(3)),
                call("c2", Set.of("reception", "responsive-repairs"), Direction.INBOUND,
                        Instant.parse("2025-07-01T08:50:00Z"), Duration.ofMinutes(5)),
                call("c3", Set.of("responsive-repairs"), Direction.OUTBOUND,
                        Instant.parse("2025-07-01T23:30:00Z"), null));

        DemandReport report = DemandReport.of(calls, LONDON);

        assertTrue(report.rows().contains(new DemandRow("team", "reception", 2, 2,
                Duration.ofMinutes(8))));
        assertTrue(report.rows().contains(new DemandRow("direction", "outbound", 1, 0,
                Duration.ZERO)));
        assertTrue(report.rows().contains(new DemandRow("hour", "09", 2, 2,
                Duration.ofMinutes(8))), "08:10 UTC is 09:10 in London in July");
        assertTrue(report.rows().contains(new DemandRow("day", "2025-07-02", 1, 0,
                Duration.ZERO)), "23:30 UTC on 1 July is 2 July in London");
        StringWriter csv = new StringWriter();
        report.writeCsv(csv);
        assertTrue(csv.toString().contains("team,reception,2,2,480,240\n"), csv.toString());
    }

    @Test
    void reportsNothingForNoCalls() {
        DemandReport report = DemandReport.of(List.of(), LONDON);

        assertEquals(List.of(), report.rows());
    }
}
