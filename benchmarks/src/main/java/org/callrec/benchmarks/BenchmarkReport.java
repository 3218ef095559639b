package org.callrec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a JMH JSON result ({@code -rf json}) into the section of {@code benchmarks/README.md}
 * between {@value #START} and {@value #END}: the machine, the command, and one table per
 * benchmark with each figure, its floor, the ratio and whether the target was met. No figure is
 * typed by hand.
 *
 * <p>Usage: {@code BenchmarkReport <results.json> <README.md> <command>}.
 */
public final class BenchmarkReport {
    /** The line that opens the generated section. */
    public static final String START = "<!-- benchmark-results:start -->";

    /** The line that closes the generated section. */
    public static final String END = "<!-- benchmark-results:end -->";

    private static final String DECISION = DecisionBenchmark.class.getName() + ".";
    private static final String INGEST = IngestBenchmark.class.getName() + ".";
    private static final String SWEEP = SweepBenchmark.class.getName() + ".";
    private static final String SUBJECT = SubjectLookupBenchmark.class.getName() + ".";
    private static final String SIZE = "recordings";
    private static final int BASE_SIZE = 10_000;
    private static final int LARGEST_SIZE = 1_000_000;
    private static final String ACCESS = AccessBenchmark.class.getName() + ".";
    private static final String AUDIT = AuditAppendBenchmark.class.getName() + ".";

    private final JsonNode results;

    private BenchmarkReport(JsonNode results) {
        this.results = results;
    }

    /**
     * Renders the results into the README.
     *
     * @param args the JSON result file, the README, and the command that produced the result
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: BenchmarkReport <results.json> <README.md> <command>");
        }
        Path json = Path.of(args[0]);
        Path readme = Path.of(args[1]);
        LocalDate date = LocalDate.ofInstant(Files.getLastModifiedTime(json).toInstant(),
                ZoneOffset.UTC);

        BenchmarkReport report = new BenchmarkReport(new ObjectMapper().readTree(json.toFile()));
        String section = report.render(date, args[2], Machine.describe());

        Files.writeString(readme, replaceSection(Files.readString(readme), section),
                StandardCharsets.UTF_8);
    }

    /** Returns the text with the section between the markers replaced. */
    static String replaceSection(String text, String section) {
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the README has no " + START + " ... " + END
                    + " section to fill");
        }
        return text.substring(0, start + START.length()) + "\n" + section
                + text.substring(end);
    }

    /** Returns the generated section: machine, command and tables. */
    String render(LocalDate date, String command, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("Measured on ").append(date).append(", ").append(machine).append(", ")
                .append(jdk()).append(".\n\nCommand: `").append(command).append("`\n\n");
        renderDecision(out);
        renderIngest(out);
        renderSweep(out);
        renderSubjectLookup(out);
        renderAccess(out);
        renderAuditAppend(out);
        return out.toString();
    }

    private String jdk() {
        if (results.isEmpty()) {
            return "no results";
        }
        JsonNode first = results.get(0);
        return "JDK " + first.path("jdkVersion").asText() + " (" + first.path("vmName").asText()
                + " " + first.path("vmVersion").asText() + ")";
    }

    private void renderDecision(StringBuilder out) {
        out.append("### Per-event decision over 10,000 live calls\n\n")
                .append("| threads | engine events/s | floor lookups/s | ratio (target <= 25)"
                        + " | bytes/event (target < 512) | events/s target |\n")
                .append("|---|---|---|---|---|---|\n");
        String[][] pairs = {{"decideOneThread", "floorLookupOneThread", "1"},
            {"decideTwoThreads", "floorLookupTwoThreads", "2"}};
        for (String[] pair : pairs) {
            Optional<JsonNode> engine = find(DECISION + pair[0], null);
            Optional<JsonNode> floor = find(DECISION + pair[1], null);
            if (engine.isEmpty() || floor.isEmpty()) {
                continue;
            }
            double events = score(engine.get());
            double lookups = score(floor.get());
            double ratio = lookups / events;
            Optional<Double> bytes = allocation(engine.get());
            String target = pair[2].equals("2") ? verdict(events >= 2_000_000)
                    + " (>= 2,000,000)" : "-";
            out.append("| ").append(pair[2]).append(" | ").append(number(events))
                    .append(" | ").append(number(lookups)).append(" | ")
                    .append(fixed(ratio)).append("x ").append(verdict(ratio <= 25))
                    .append(" | ").append(bytes.map(b -> fixed(b) + " "
                            + verdict(b < 512)).orElse("not measured (run with -prof gc)"))
                    .append(" | ").append(target).append(" |\n");
        }
        out.append('\n');
    }

    private void renderIngest(StringBuilder out) {
        out.append("### Ingest through the vault (fs backend, H2 catalogue)\n\n")
                .append("Times are single calls, each on a fresh installation, no warm-up;"
                        + " \"first\" is the first call of each fresh JVM.\n\n")
                .append("| size | ingest ms (mean / first) | encrypt-only ms | fsync+rename ms"
                        + " | ingest / slower floor throughput, mean (target >= 70%)"
                        + " | same, first call |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String size : List.of("1", "64")) {
            Optional<JsonNode> ingest = find(INGEST + "ingest", size);
            Optional<JsonNode> encrypt = find(INGEST + "floorEncryptOnly", size);
            Optional<JsonNode> fsync = find(INGEST + "floorWriteFsyncRename", size);
            if (ingest.isEmpty() || encrypt.isEmpty() || fsync.isEmpty()) {
                continue;
            }
            double ingestMs = score(ingest.get());
            double slowerFloorMs = Math.max(score(encrypt.get()), score(fsync.get()));
            double firstIngestMs = firstCalls(ingest.get());
            double slowerFirstFloorMs = Math.max(firstCalls(encrypt.get()),
                    firstCalls(fsync.get()));
            double share = slowerFloorMs / ingestMs;
            double firstShare = slowerFirstFloorMs / firstIngestMs;
            out.append("| ").append(size).append(" MiB | ").append(fixed(ingestMs))
                    .append(" / ").append(fixed(firstIngestMs)).append(" | ")
                    .append(fixed(score(encrypt.get()))).append(" | ")
                    .append(fixed(score(fsync.get()))).append(" | ")
                    .append(percent(share)).append(' ').append(verdict(share >= 0.70))
                    .append(" | ").append(percent(firstShare)).append(' ')
                    .append(verdict(firstShare >= 0.70)).append(" |\n");
        }
        out.append('\n');
    }

    private void renderSweep(StringBuilder out) {
        List<Integer> sizes = sizes(SWEEP + "sweep");
        if (sizes.isEmpty()) {
            return;
        }
        out.append("### Retention sweep with 1% due\n\n")
                .append("H2 catalogue in file mode (as `Workspace` wires it); the audit trail"
                        + " forces each entry to disk (three per disposal); the storage backend"
                        + " only counts deletes. Each sweep is one timed shot after an unmeasured"
                        + " warm-up sweep of " + SweepBenchmark.WARM_UP_DUE + ". The catalogue"
                        + " keeps N recordings, and 1% of N more are due.\n\n")
                .append("| N kept | due | sweep ms | ms per disposed recording"
                        + " | per recording, vs N = 10,000 (target <= 2x) |\n")
                .append("|---|---|---|---|---|\n");
        Optional<Double> base = findWith(SWEEP + "sweep", SIZE, Integer.toString(BASE_SIZE))
                .map(r -> millis(r) / (BASE_SIZE / SweepBenchmark.DUE_DIVISOR));
        for (int size : sizes) {
            JsonNode sweep = findWith(SWEEP + "sweep", SIZE, Integer.toString(size)).get();
            int due = size / SweepBenchmark.DUE_DIVISOR;
            double perRecording = millis(sweep) / due;
            out.append("| ").append(number(size)).append(" | ").append(number(due))
                    .append(" | ").append(fixed(millis(sweep))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", perRecording)).append(" | ")
                    .append(growth(base, perRecording, size)).append(" |\n");
        }
        out.append('\n');
    }

    private void renderSubjectLookup(StringBuilder out) {
        List<Integer> sizes = sizes(SUBJECT + "lookUpByNumber");
        if (sizes.isEmpty()) {
            return;
        }
        out.append("### Subject access lookup by number\n\n")
                .append("`SubjectAccess.find` of a random caller's number, who took part in "
                        + ScaledCatalogue.CALLS_PER_NUMBER + " calls, on the H2 catalogue in file"
                        + " mode; the lookup only, not the export. Floor: `findRecording` of a"
                        + " random recording by its id (the primary key).\n\n")
                .append("| N recordings | lookup µs | floor µs | lookup / floor"
                        + " | lookup vs N = 10,000 (target <= 2x) | under 1 ms at 1,000,000 |\n")
                .append("|---|---|---|---|---|---|\n");
        Optional<Double> base = findWith(SUBJECT + "lookUpByNumber", SIZE,
                Integer.toString(BASE_SIZE)).map(BenchmarkReport::millis);
        for (int size : sizes) {
            String value = Integer.toString(size);
            double lookup = millis(findWith(SUBJECT + "lookUpByNumber", SIZE, value).get());
            Optional<Double> floor = findWith(SUBJECT + "floorFindRecordingById", SIZE, value)
                    .map(BenchmarkReport::millis);
            out.append("| ").append(number(size)).append(" | ").append(fixed(lookup * 1000))
                    .append(" | ").append(floor.map(f -> fixed(f * 1000)).orElse("-"))
                    .append(" | ").append(floor.map(f -> fixed(lookup / f) + "x").orElse("-"))
                    .append(" | ").append(growth(base, lookup, size)).append(" | ")
                    .append(size == LARGEST_SIZE ? verdict(lookup < 1.0) : "-").append(" |\n");
        }
        out.append('\n');
    }

    /** Returns how a cost compares with the same cost at the base size, and the verdict. */
    private static String growth(Optional<Double> base, double cost, int size) {
        if (base.isEmpty()) {
            return "no N = 10,000 result to compare with";
        }
        if (size == BASE_SIZE) {
            return "1.0x (base)";
        }
        double ratio = cost / base.get();
        return fixed(ratio) + "x " + verdict(ratio <= 2.0);
    }

    /** Returns the catalogue sizes a benchmark ran at, smallest first. */
    private List<Integer> sizes(String benchmark) {
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode result : results) {
            if (result.path("benchmark").asText().equals(benchmark)) {
                sizes.add(result.path("params").path(SIZE).asInt());
            }
        }
        sizes.sort(null);
        return sizes;
    }

    private void renderAccess(StringBuilder out) {
        Optional<JsonNode> check = find(ACCESS + "check", null);
        Optional<JsonNode> floor = find(ACCESS + "floorCacheHit", null);
        Optional<JsonNode> peer = find(ACCESS + "peerCasbin", null);
        if (check.isEmpty() || floor.isEmpty() || peer.isEmpty()) {
            return;
        }
        out.append("### Access check on a warm cache (`RecordingAccess.check`)\n\n")
                .append("| checks/s | floor: Caffeine hits/s | ratio (target <= 3)"
                        + " | peer: jCasbin checks/s | check / peer speed (target > 1)"
                        + " | bytes/check |\n")
                .append("|---|---|---|---|---|---|\n");
        double checks = score(check.get());
        double hits = score(floor.get());
        double casbin = score(peer.get());
        double ratio = hits / checks;
        double overPeer = checks / casbin;
        out.append("| ").append(number(checks)).append(" | ").append(number(hits))
                .append(" | ").append(fixed(ratio)).append("x ").append(verdict(ratio <= 3))
                .append(" | ").append(number(casbin)).append(" | ").append(fixed(overPeer))
                .append("x ").append(verdict(overPeer > 1)).append(" | ")
                .append(allocation(check.get()).map(BenchmarkReport::fixed)
                        .orElse("not measured (run with -prof gc)"))
                .append(" |\n\n");
    }

    private void renderAuditAppend(StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        for (JsonNode result : results) {
            if (!result.path("benchmark").asText().equals(AUDIT + "append")) {
                continue;
            }
            String durability = result.path("params").path("durability").asText();
            Optional<JsonNode> floor = findWith(AUDIT + "floorHashAndAppend", "durability",
                    durability);
            if (floor.isEmpty()) {
                continue;
            }
            double ratio = score(result) / score(floor.get());
            rows.append("| ").append(durability).append(" | ").append(timed(result))
                    .append(" | ").append(timed(floor.get())).append(" | ")
                    .append(fixed(ratio)).append("x ").append(verdict(ratio <= 3))
                    .append(" |\n");
        }
        if (rows.length() == 0) {
            return;
        }

        out.append("### Audit append (`FileAuditSink`)\n\n")
                .append("Durability `" + AuditAppendBenchmark.FSYNC + "`: the line is forced to"
                        + " disk, then the head file is written, forced and renamed, before"
                        + " `append` returns; the floor forces its line the same way.\n\n")
                .append("| durability | append | floor: SHA-256 + append + fsync"
                        + " | ratio (target <= 3) |\n")
                .append("|---|---|---|---|\n").append(rows).append('\n');
    }

    /** Returns a time per operation with the unit JMH measured it in, such as 812.4 us/op. */
    private static String timed(JsonNode result) {
        return fixed(score(result)) + " "
                + result.path("primaryMetric").path("scoreUnit").asText("");
    }

    private Optional<JsonNode> findWith(String benchmark, String param, String value) {
        for (JsonNode result : results) {
            if (result.path("benchmark").asText().equals(benchmark)
                    && result.path("params").path(param).asText().equals(value)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    /** Returns a time-per-operation score in milliseconds, whatever unit JMH reported it in. */
    private static double millis(JsonNode result) {
        String unit = result.path("primaryMetric").path("scoreUnit").asText("ms/op");
        double factor = switch (unit) {
            case "s/op" -> 1000.0;
            case "us/op" -> 0.001;
            case "ns/op" -> 0.000_001;
            default -> 1.0;
        };
        return score(result) * factor;
    }

    private Optional<JsonNode> find(String benchmark, String mebibytes) {
        for (JsonNode result : results) {
            if (result.path("benchmark").asText().equals(benchmark)
                    && (mebibytes == null || result.path("params").path("mebibytes").asText()
                            .equals(mebibytes))) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    private static double score(JsonNode result) {
        return result.path("primaryMetric").path("score").asDouble();
    }

    /** Returns the mean of each fork's first measured call. */
    private static double firstCalls(JsonNode result) {
        List<Double> firsts = new ArrayList<>();
        for (JsonNode fork : result.path("primaryMetric").path("rawData")) {
            if (fork.size() > 0) {
                firsts.add(fork.get(0).asDouble());
            }
        }
        return firsts.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static Optional<Double> allocation(JsonNode result) {
        var names = result.path("secondaryMetrics").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.endsWith("gc.alloc.rate.norm")) {
                return Optional.of(result.path("secondaryMetrics").path(name).path("score")
                        .asDouble());
            }
        }
        return Optional.empty();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** What the machine is: cores, CPU model. */
    static final class Machine {
        private Machine() {
        }

        static String describe() throws IOException {
            String model = "unknown CPU";
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        model = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            }
            return "nproc " + Runtime.getRuntime().availableProcessors() + ", " + model;
        }
    }
}
