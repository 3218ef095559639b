package org.callrec.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callrec.examples.Workspace;
import org.callrec.spi.catalogue.RecordingEntry;
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
 * Ingest of one recording of 1 MiB and of 64 MiB through {@code RecordingVault} on the
 * {@code fs} backend with the H2 catalogue (encrypt, store with fsync and rename, catalogue),
 * each call timed alone from the first one of a fresh JVM on ({@link Mode#SingleShotTime}, no
 * warm-up), so a cold-JIT cliff would show. Floors, measured the same way on the same bytes:
 * Tink streaming encryption alone (AES-256-GCM-HKDF, 64 KiB segments, into nothing) and a write
 * with fsync and rename alone. Target: at least 70% of the slower floor's throughput, from the
 * first call on.
 *
 * <p>Run: {@code benchmarks/run.sh IngestBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 8)
@Fork(2)
@State(Scope.Thread)
public class IngestBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** The size of the recording in MiB. */
    @Param({"1", "64"})
    public int mebibytes;

    private byte[] audio;
    private Path folder;
    private Workspace workspace;
    private StreamingAead cipher;
    private int sequence;

    /** Makes the audio (random bytes do not compress, like encoded speech) and the cipher. */
    @Setup(Level.Trial)
    public void makeAudio() throws GeneralSecurityException {
        audio = new byte[mebibytes * 1024 * 1024];
        new SplittableRandom(mebibytes).nextBytes(audio);
        StreamingAeadConfig.register();
        cipher = KeysetHandle.generateNew(AesGcmHkdfStreamingParameters.builder()
                .setKeySizeBytes(32)
                .setDerivedAesGcmKeySizeBytes(32)
                .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                .setCiphertextSegmentSizeBytes(64 * 1024)
                .build()).getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    }

    /** Opens a fresh installation for every call, so each ingest is its first one. */
    @Setup(Level.Iteration)
    public void openWorkspace() throws IOException {
        folder = Files.createTempDirectory("callrec-ingest-bench");
        workspace = Workspace.open(folder, Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** Closes the installation and removes everything it wrote. */
    @TearDown(Level.Iteration)
    public void removeWorkspace() throws IOException {
        workspace.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Encrypts, stores and catalogues one recording. */
    @Benchmark
    public RecordingEntry ingest() throws IOException {
        sequence++;
        return workspace.vault().store("bench-call-" + sequence, "span-1", T0, T0.plusSeconds(60),
                new ByteArrayInputStream(audio));
    }

    /** Floor: Tink streaming encryption of the same bytes, into nothing. */
    @Benchmark
    public long floorEncryptOnly() throws IOException, GeneralSecurityException {
        CountingSink sink = new CountingSink();
        try (OutputStream encrypting = cipher.newEncryptingStream(sink,
                "bench".getBytes(StandardCharsets.UTF_8))) {
            encrypting.write(audio);
        }
        return sink.bytes;
    }

    /** Floor: writes the same bytes to a new file, forces it, renames it and forces the folder. */
    @Benchmark
    public long floorWriteFsyncRename() throws IOException {
        sequence++;
        Path temp = folder.resolve("object-" + sequence + ".part");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(audio);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Path target = folder.resolve("object-" + sequence);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
        return Files.size(target);
    }

    /** Counts ciphertext bytes and drops them. */
    private static final class CountingSink extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
        }
    }
}
