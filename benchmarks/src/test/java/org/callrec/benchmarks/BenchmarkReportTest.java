package org.callrec.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
    private static final String RESULTS = "["
            + result("DecisionBenchmark.decideOneThread", null, 1_000_000, 300, null)
            + "," + result("DecisionBenchmark.floorLookupOneThread", null, 50_000_000, 0, null)
            + "," + result("IngestBenchmark.ingest", "1", 10, 0, "[[20.0, 8.0], [12.0, 8.0]]")
            + "," + result("IngestBenchmark.floorEncryptOnly", "1", 5, 0, "[[5.0],[5.0]]")
            + "," + result("IngestBenchmark.floorWriteFsyncRename", "1", 8, 0, "[[8.0],[8.0]]")
            + "]";

    @Test
    void rendersRatiosAndVerdictsFromTheJsonAlone() throws Exception {
        BenchmarkReport report = report(RESULTS);

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertTrue(section.contains("| 1 | 1,000,000 | 50,000,000 | 50.0x **missed** | 300.0 met"),
                section);
        assertTrue(section.contains("| 1 MiB | 10.0 / 16.0 | 5.0 | 8.0 | 80% met | 50% **missed"),
                section);
        assertTrue(section.startsWith("Measured on 2026-03-02, nproc 2, JDK 17"), section);
    }

    @Test
    void rendersTheSweepPerDisposedRecordingAgainstTheSmallestCatalogue() throws Exception {
        BenchmarkReport report = report("[" + sized("SweepBenchmark.sweep", 10_000, 500, "ms/op")
                + "," + sized("SweepBenchmark.sweep", 1_000_000, 80_000, "ms/op") + "]");

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertTrue(section.contains("| 10,000 | 100 | 500.0 | 5.00 | 1.0x (base) |"), section);
        assertTrue(section.contains("| 1,000,000 | 10,000 | 80000.0 | 8.00 | 1.6x met |"),
                section);
    }

    @Test
    void judgesTheSubjectLookupAgainstAMillisecondAtAMillionAndItsGrowth() throws Exception {
        BenchmarkReport report = report("["
                + sized("SubjectLookupBenchmark.lookUpByNumber", 10_000, 400, "us/op") + ","
                + sized("SubjectLookupBenchmark.floorFindRecordingById", 10_000, 50, "us/op")
                + "," + sized("SubjectLookupBenchmark.lookUpByNumber", 1_000_000, 1200, "us/op")
                + "," + sized("SubjectLookupBenchmark.floorFindRecordingById", 1_000_000, 60,
                        "us/op") + "]");

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertTrue(section.contains("| 10,000 | 400.0 | 50.0 | 8.0x | 1.0x (base) | - |"),
                section);
        assertTrue(section.contains(
                "| 1,000,000 | 1200.0 | 60.0 | 20.0x | 3.0x **missed** | **missed** |"), section);
    }

    @Test
    void rendersTheAccessCheckAgainstItsFloorAndItsPeer() throws Exception {
        BenchmarkReport report = report("["
                + result("AccessBenchmark.check", null, 5_000_000, 40, null)
                + "," + result("AccessBenchmark.floorCacheHit", null, 20_000_000, 0, null)
                + "," + result("AccessBenchmark.peerCasbin", null, 250_000, 4000, null) + "]");

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertTrue(section.contains("| 5,000,000 | 20,000,000 | 4.0x **missed** | 250,000"
                + " | 20.0x met | 40.0 |"), section);
    }

    @Test
    void rendersTheAuditAppendWithItsDurabilityAgainstItsFloor() throws Exception {
        BenchmarkReport report = report("["
                + timed("AuditAppendBenchmark.append", "fsync-each-entry", 2500.0)
                + "," + timed("AuditAppendBenchmark.floorHashAndAppend", "fsync-each-entry",
                        1000.0) + "]");

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertTrue(section.contains("| fsync-each-entry | 2500.0 us/op | 1000.0 us/op"
                + " | 2.5x met |"), section);
        assertTrue(section.contains("Durability `fsync-each-entry`"), section);
    }

    @Test
    void leavesOutTheScaleTablesWhenThoseBenchmarksDidNotRun() throws Exception {
        BenchmarkReport report = report(RESULTS);

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertFalse(section.contains("Retention sweep"), section);
        assertFalse(section.contains("Subject access lookup"), section);
    }

    @Test
    void leavesOutTheAccessAndAuditSectionsWhenTheyWereNotRun() throws Exception {
        BenchmarkReport report = report(RESULTS);

        String section = report.render(LocalDate.of(2026, 3, 2), "benchmarks/run.sh", "nproc 2");

        assertFalse(section.contains("Access check"), section);
        assertFalse(section.contains("Audit append"), section);
    }

    @Test
    void replacesOnlyTheSectionBetweenTheMarkers() {
        String readme = "before\n" + BenchmarkReport.START + "\nold\n" + BenchmarkReport.END
                + "\nafter\n";

        String replaced = BenchmarkReport.replaceSection(readme, "new\n");

        assertEquals("before\n" + BenchmarkReport.START + "\nnew\n" + BenchmarkReport.END
                + "\nafter\n", replaced);
    }

    @Test
    void refusesAReadmeWithoutTheMarkers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkReport.replaceSection("no markers", "new"));

        assertTrue(e.getMessage().contains(BenchmarkReport.START), e.getMessage());
    }

    private static BenchmarkReport report(String json) throws Exception {
        Constructor<BenchmarkReport> constructor = BenchmarkReport.class
                .getDeclaredConstructor(com.fasterxml.jackson.databind.JsonNode.class);
        constructor.setAccessible(true);
        return constructor.newInstance(new ObjectMapper().readTree(json));
    }

    private static String sized(String name, int recordings, double score, String unit) {
        return "{\"benchmark\":\"org.callrec.benchmarks." + name + "\",\"jdkVersion\":\"17\","
                + "\"vmName\":\"VM\",\"vmVersion\":\"1\",\"params\":{\"recordings\":\""
                + recordings + "\"},\"primaryMetric\":{\"score\":" + score
                + ",\"scoreUnit\":\"" + unit + "\",\"rawData\":[]},\"secondaryMetrics\":{}}";
    }

    private static String result(String name, String mebibytes, double score, double bytes,
            String raw) {
        return "{\"benchmark\":\"org.callrec.benchmarks." + name + "\",\"jdkVersion\":\"17\","
                + "\"vmName\":\"VM\",\"vmVersion\":\"1\","
                + "\"params\":" + (mebibytes == null ? "{}" : "{\"mebibytes\":\"" + mebibytes
                + "\"}") + ",\"primaryMetric\":{\"score\":" + score + ",\"rawData\":"
                + (raw == null ? "[]" : raw) + "},\"secondaryMetrics\":{"
                + (bytes > 0 ? "\"gc.alloc.rate.norm\":{\"score\":" + bytes + "}" : "") + "}}";
    }

    private static String timed(String name, String durability, double microseconds) {
        return "{\"benchmark\":\"org.callrec.benchmarks." + name + "\",\"jdkVersion\":\"17\","
                + "\"vmName\":\"VM\",\"vmVersion\":\"1\","
                + "\"params\":{\"durability\":\"" + durability + "\"},"
                + "\"primaryMetric\":{\"score\":" + microseconds + ",\"scoreUnit\":\"us/op\","
                + "\"rawData\":[]},\"secondaryMetrics\":{}}";
    }
}
