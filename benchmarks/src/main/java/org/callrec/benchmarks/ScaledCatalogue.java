package org.callrec.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.callrec.catalogue.jdbc.JdbcCatalogue;
import org.callrec.examples.Workspace;
import org.callrec.spi.call.CallEvent;
import org.callrec.spi.call.CallEventType;
import org.callrec.spi.call.CommandType;
import org.callrec.spi.call.Decision;
import org.callrec.spi.call.Direction;
import org.callrec.spi.call.Party;
import org.callrec.spi.call.RecordingCommand;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.PartyRole;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.keys.WrappedKey;
import org.callrec.spi.storage.ObjectKey;
import org.h2.mvstore.MVStoreTool;

/**
 * An installation of the embedded defaults (as {@link Workspace} wires them: H2 in file mode,
 * personal data sealed by the installation's own keyset) whose catalogue holds a given number of
 * recordings, one per call, none of them due. Each call is an inbound call answered by a Repairs
 * agent: two parties (the caller's number sealed and blind-indexed), three events, one decision
 * and one recording with its wrapped key. Every caller's number appears in
 * {@value #CALLS_PER_NUMBER} calls, so a subject access lookup by number finds a handful.
 *
 * <p>The catalogue is written through {@link JdbcCatalogue#importAll}, in batches, so its rows
 * are those the catalogue writes for each call. A populated installation is kept under
 * {@code benchmarks/target/catalogues}, named by its size and schema version, so that later runs
 * copy it instead of building it again.
 */
final class ScaledCatalogue {
    /** The instant sweeps and lookups run at. */
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    /** How many calls each caller's number appears in. */
    static final int CALLS_PER_NUMBER = 5;

    /** Changes whenever what a populated catalogue holds changes, so the cache is rebuilt. */
    private static final int LAYOUT = 2;
    private static final int BATCH = 2_000;
    private static final Party AGENT = Party.of("PJSIP/2001");
    private static final WrappedKey KEY = new WrappedKey("kek-1", new byte[92]);

    private ScaledCatalogue() {
    }

    /** Returns the clock every benchmark installation runs on. */
    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /**
     * Returns the folder of a populated installation of {@code recordings} recordings, building
     * it first when the cache holds none for this size and schema version.
     */
    static Path cached(int recordings) throws IOException {
        Path cache = targetFolder().resolve("catalogues");
        Path folder = cache.resolve("catalogue-" + recordings + "-schema-" + schemaVersion()
                + "-layout-" + LAYOUT);
        if (Files.isDirectory(folder)) {
            return folder;
        }

        // Built aside and renamed into place, so a run stopped halfway leaves no cache entry.
        Path building = cache.resolve(folder.getFileName() + ".building");
        deleteTree(building);
        Files.createDirectories(cache);
        // Limitation: H2 writes about 13 rows per call here, each with its key and index checks,
        // so building a million recordings takes minutes on two cores; hence the cache.
        try (Workspace workspace = Workspace.open(building, clock())) {
            JdbcCatalogue catalogue = (JdbcCatalogue) workspace.catalogue();
            for (int first = 0; first < recordings; first += BATCH) {
                importCalls(catalogue, "call", first, Math.min(BATCH, recordings - first),
                        NOW.plus(Duration.ofDays(30)));
            }
        }
        // Rewritten without the page versions the import left behind, so that a trial copies
        // only what the catalogue holds.
        MVStoreTool.compact(building.resolve("catalogue").resolve("catalogue.mv.db").toString(),
                false);
        Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
        return folder;
    }

    /** Copies an installation to a new temporary folder, for a trial that changes it. */
    static Path copy(Path installation) throws IOException {
        Path copy = Files.createTempDirectory("callrec-scale-bench");
        try (Stream<Path> paths = Files.walk(installation)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(installation.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    /**
     * Catalogues {@code count} calls of one recording each, numbered from {@code first} under a
     * prefix, every recording with a deadline at or after {@code deadline}.
     */
    static void importCalls(JdbcCatalogue catalogue, String prefix, int first, int count,
            Instant deadline) {
        List<CallRecord> calls = new ArrayList<>(count);
        List<RecordingEntry> recordings = new ArrayList<>(count);
        for (int call = first; call < first + count; call++) {
            String callId = callId(prefix, call);
            calls.add(callRecord(callId, callerNumber(prefix, call)));
            recordings.add(recording(callId, deadline.plusSeconds(call)));
        }
        catalogue.importAll(calls, recordings);
    }

    /** Returns the id of a call. */
    static String callId(String prefix, int call) {
        return String.format(Locale.ROOT, "%s-%07d", prefix, call);
    }

    /** Returns the recording id of a call's one recording. */
    static String recordingId(String callId) {
        return "rec-" + callId;
    }

    /** Returns the E.164 number of a call's caller, shared by {@value #CALLS_PER_NUMBER} calls. */
    static String callerNumber(String prefix, int call) {
        // Due calls get numbers of their own (07800...), so lookups find only calls kept.
        String range = prefix.equals("call") ? "+447700" : "+447800";
        return String.format(Locale.ROOT, "%s%06d", range, call / CALLS_PER_NUMBER);
    }

    private static CallRecord callRecord(String callId, String number) {
        Party caller = Party.of("PJSIP/trunk-" + number);
        Instant started = NOW.minus(Duration.ofDays(60));
        Instant answered = started.plusSeconds(5);
        Instant ended = started.plusSeconds(185);
        CallEvent answer = CallEvent.answered(callId, answered, AGENT);
        Decision start = new Decision(callId, answered, answer,
                List.of(new RecordingCommand(CommandType.START_RECORDING, callId, callId + "-s1")),
                "2025-02-03", List.of("3.2", "4.3"), "started: a listed team answered");
        return new CallRecord(callId, Direction.INBOUND, Set.of("responsive-repairs"),
                List.of(new CallParty(PartyRole.EXTERNAL, caller.address(), number, null),
                        new CallParty(PartyRole.STAFF, AGENT.address(), null, "s-2001")),
                List.of(), Set.of(), "legitimate-interests", "2025-02-03", started, ended,
                List.of(start),
                List.of(CallEvent.started(callId, started, caller, AGENT, Direction.INBOUND),
                        answer, CallEvent.ofParty(CallEventType.CALL_ENDED, callId, ended,
                                caller)),
                List.of());
    }

    private static RecordingEntry recording(String callId, Instant deadline) {
        String recordingId = recordingId(callId);
        Instant from = NOW.minus(Duration.ofDays(60)).plusSeconds(5);
        return new RecordingEntry(recordingId, callId, callId + "-s1",
                ObjectKey.of("recordings/2026/01/01/" + recordingId), from, from.plusSeconds(180),
                1_440_000, 1_462_560, sha256(recordingId), KEY, from.plusSeconds(181), deadline);
    }

    /** Returns a stand-in ciphertext checksum: the SHA-256 of the recording id, in hex. */
    private static String sha256(String recordingId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(recordingId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns the schema version a new catalogue gets, read from a throwaway one. */
    private static String schemaVersion() throws IOException {
        Path scratch = Files.createTempDirectory("callrec-schema");
        try (Workspace workspace = Workspace.open(scratch, clock())) {
            return ((JdbcCatalogue) workspace.catalogue()).schemaVersion();
        } finally {
            deleteTree(scratch);
        }
    }

    private static Path targetFolder() {
        try {
            // The classes folder of this module: benchmarks/target/classes.
            Path classes = Path.of(ScaledCatalogue.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the benchmark classes have no file location", e);
        }
    }

    /** Deletes a folder and everything in it; a missing folder is no error. */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder, e);
        }
    }
}
