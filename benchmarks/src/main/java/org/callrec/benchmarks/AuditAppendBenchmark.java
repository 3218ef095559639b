package org.callrec.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callrec.core.audit.FileAuditSink;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditWriteException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One append of an {@code access-granted} entry to {@link FileAuditSink}, the audit trail every
 * access is written to before a byte of audio is returned, on one thread.
 *
 * <p>Durability, stated because it sets the cost: the sink offers one setting, {@value #FSYNC},
 * which is {@code fsync} of the line ({@code FileChannel.force(false)}, data only) and then the
 * head file naming the last entry written to a temporary file, forced and renamed over the old
 * one, all before {@code append} returns. Floor, with the same durability for the entry's own
 * bytes: the SHA-256 of the same line's bytes, then an append of those bytes to another file and
 * the same {@code force(false)}. The sink does more than the floor by design (a second forced
 * write for the head file, which makes truncation of the trail show, and the canonical JSON of
 * the entry), so its target is within 3 times the floor.
 *
 * <p>Run: {@code benchmarks/run.sh AuditAppendBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class AuditAppendBenchmark {
    /** The one durability setting {@link FileAuditSink} offers: fsync per entry, then head. */
    public static final String FSYNC = "fsync-each-entry";

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    /** The durability of both the sink and the floor; the sink offers only this one. */
    @Param({FSYNC})
    public String durability;

    private Path folder;
    private FileAuditSink sink;
    private AuditEntry entry;
    private byte[] line;
    private FileChannel floorFile;
    private MessageDigest sha256;

    /**
     * Opens a fresh trail and takes the bytes of one real line of it for the floor.
     *
     * @throws IOException when the trail cannot be opened
     * @throws AuditWriteException when the first entry cannot be written
     * @throws NoSuchAlgorithmException never on a JDK 17
     */
    @Setup(Level.Trial)
    public void openTrail() throws IOException, AuditWriteException, NoSuchAlgorithmException {
        folder = Files.createTempDirectory("callrec-audit-bench");
        sink = new FileAuditSink(folder.resolve("audit.log"));
        entry = new AuditEntry(AT, AuditEntry.ACTION_ACCESS_GRANTED, "manager-210",
                "rec-0123456789abcdef0123456789abcdef", details());
        sink.append(entry);
        line = Files.readAllBytes(sink.file());

        floorFile = FileChannel.open(folder.resolve("floor.log"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /**
     * Closes both files and removes everything written.
     *
     * @throws IOException when a file cannot be removed
     */
    @TearDown(Level.Trial)
    public void removeTrail() throws IOException {
        sink.close();
        floorFile.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Appends the entry to the trail, durably, chained to the one before.
     *
     * @throws AuditWriteException when the trail cannot write it
     */
    @Benchmark
    public void append() throws AuditWriteException {
        sink.append(entry);
    }

    /**
     * Floor: hashes the same line's bytes with SHA-256, appends them and forces them to disk.
     *
     * @return the first byte of the hash, so the hash is not optimised away
     * @throws IOException when the file cannot be written
     */
    @Benchmark
    public byte floorHashAndAppend() throws IOException {
        byte[] hash = sha256.digest(line);
        ByteBuffer bytes = ByteBuffer.wrap(line);
        while (bytes.hasRemaining()) {
            floorFile.write(bytes);
        }
        floorFile.force(false);
        return hash[0];
    }

    /** Returns the details an access-granted entry carries, as RecordingAccess writes them. */
    private static Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("purpose", "complaint");
        details.put("use", "investigation");
        details.put("case", "case-2026-0042");
        details.put("mode", "play");
        details.put("call", "1530608400.42");
        details.put("grant", "grant-0123456789abcdef");
        details.put("clause", "4.2");
        return details;
    }
}
