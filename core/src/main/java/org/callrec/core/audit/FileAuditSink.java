package org.callrec.core.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.stream.Stream;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit trail in a local file of JSON lines, each chained to the previous by SHA-256, beside a
 * small head file naming the last entry so that truncation shows too.
 *
 * <p>Durability: every {@link #append} forces the line to disk ({@code fsync}) and then replaces
 * the head file atomically, before it returns. When either fails the entry is not acknowledged
 * and the sink refuses further appends until it is reopened, so that what the trail says and what
 * happened never part.
 *
 * <p>A process killed inside {@link #append} leaves either a line cut short at the end of the
 * file or one whole line the head does not name yet. Neither entry was acknowledged, so opening
 * the trail finishes it: a line cut short after the entry the head names is removed, and a whole
 * last line that chains to the entry the head names is kept and the head moved to it (both
 * logged at WARN). Anything else
 * that does not verify still refuses the trail.
 *
 * <p>Safe for use from many threads; one process per file.
 */
public final class FileAuditSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditSink.class);

    private final Path file;
    private final Path head;
    private final FileChannel channel;
    private long sequence;
    private String lastHash;
    private boolean broken;

    /**
     * Opens the trail in a file, creating it (owner-only) if missing.
     *
     * @throws IOException when the file cannot be opened, or its chain does not verify: a trail
     *     that was tampered with is not appended to
     */
    public FileAuditSink(Path file) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.head = headOf(file);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }

        removeLineCutShort(file, head);
        AuditVerification verification = AuditTrailVerifier.verify(file);
        if (!verification.isIntact() && isAppendWithoutHead(file, head, verification)) {
            LOG.warn("audit trail {}: entry {} was written but the process stopped before its"
                    + " head was moved; the head now names it", file, verification.entries());
            writeHead(verification.entries(), verification.lastHash());
            verification = AuditTrailVerifier.verify(file);
        }
        if (!verification.isIntact()) {
            throw new IOException("audit trail " + file + " does not verify and will not be"
                    + " appended to: " + verification.describe());
        }
        this.sequence = verification.entries();
        this.lastHash = verification.lastHash();
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        LOG.info("audit trail {} opened with {} entries", file, sequence);
    }

    /**
     * Removes a last line without its newline when the head names every whole line before it:
     * {@link #append} writes the newline with the line and acknowledges nothing before both are
     * on disk and the head names the line, so such a line was never acknowledged (found by the
     * kill harness, CrashSafetyTest: a sweep killed mid-append left a trail that refused every
     * later open). A trail that ends without a newline otherwise is left exactly as it is.
     *
     * @throws IOException when the trail ends without a newline and is not such a trail
     */
    private static void removeLineCutShort(Path file, Path head) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep == size) {
                return;
            }
            Head named = Head.read(head);
            if (named == null || named.entries() != wholeLines(file, keep)) {
                throw new IOException("audit trail " + file + " ends in a line without its"
                        + " newline that is not an unacknowledged entry cut short, and will not"
                        + " be appended to");
            }
            LOG.warn("audit trail {}: removing {} byte(s) of an entry cut short by a stop"
                    + " mid-write; it was never acknowledged", file, size - keep);
            channel.truncate(keep);
            channel.force(true);
        }
    }

    private static long wholeLines(Path file, long upTo) throws IOException {
        long lines = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (long at = 0; at < upTo; at++) {
                lines += in.read() == '\n' ? 1 : 0;
            }
        }
        return lines;
    }

    /**
     * Returns whether the only fault is one whole entry past the head that chains to the entry
     * the head names: {@link #append} forces the line before it moves the head, so a stop between
     * the two leaves exactly this (found by the kill harness, CrashSafetyTest).
     */
    private static boolean isAppendWithoutHead(Path file, Path head,
            AuditVerification verification) throws IOException {
        long lines = 0;
        String last = null;
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) all::iterator) {
                lines++;
                last = line;
            }
        }
        Head named = Head.read(head);
        if (last == null || named == null || lines != verification.entries()) {
            return false;
        }
        return named.entries() == lines - 1
                && named.hash().equals(AuditLine.parse(last).path("prev").asText());
    }

    /** What a head file names: the number and hash of the last entry; none before the first. */
    private record Head(long entries, String hash) {
        /** Returns what the head file names, or null when it is not a head file's text. */
        static Head read(Path head) throws IOException {
            if (Files.notExists(head)) {
                return new Head(0, AuditLine.GENESIS);
            }
            String[] parts = Files.readString(head, StandardCharsets.UTF_8).strip().split(" ");
            if (parts.length != 2) {
                return null;
            }
            try {
                return new Head(Long.parseLong(parts[0]), parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Returns the head file that names the last entry of a trail file. */
    static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** Returns the trail's file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(AuditEntry entry) throws AuditWriteException {
        Objects.requireNonNull(entry, "entry");
        if (broken) {
            throw new AuditWriteException("audit trail " + file + " refused the entry: an"
                    + " earlier write failed, so the trail must be checked and reopened", null);
        }

        String line = AuditLine.write(entry, sequence + 1, lastHash);
        try {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            String hash = AuditLine.storedHash(AuditLine.parse(line));
            writeHead(sequence + 1, hash);
            sequence++;
            lastHash = hash;
        } catch (IOException | UncheckedIOException failed) {
            broken = true;
            LOG.error("audit trail {}: entry {} ({}) could not be written durably", file,
                    sequence + 1, entry.action(), failed);
            throw new AuditWriteException("audit trail " + file + " could not write entry "
                    + (sequence + 1) + " (" + entry.action() + "): " + failed.getMessage(),
                    failed);
        }
    }

    /** Returns the number of entries in the trail. */
    public synchronized long entries() {
        return sequence;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("audit trail {} did not close cleanly", file, e);
        }
    }

    private void writeHead(long entrySequence, String hash) throws IOException {
        Path temp = head.resolveSibling(head.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, entrySequence + " " + hash + "\n", StandardCharsets.UTF_8);
        try (FileChannel sync = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            sync.force(true);
        }
        Files.move(temp, head, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

}
