package org.callrec.testkit.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callrec.spi.storage.InvalidObjectKeyException;
import org.callrec.spi.storage.ObjectAlreadyExistsException;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promises of {@link StorageBackend} that every backend keeps. A backend's JUnit 5 test
 * extends this class and says how to open a fresh, empty backend; the kit then runs against it.
 *
 * <p>Hooks a backend may override: {@link #refusesLateWritersOfATakenKey()} (whether the store
 * has conditional writes, or keys are unique by construction), {@link #largeObjectSize()},
 * {@link #multipartSize()} and {@link #assertNothingLeftBehind()}.
 *
 * <p>The large-object test proves streaming only when the test JVM's heap is smaller than the
 * object: run the kit with, for example, {@code -Xmx192m} in Surefire's {@code argLine}.
 */
public abstract class StorageBackendConformanceKit {
    /** The size of the large object that must stream: 256 MiB. */
    public static final long LARGE_OBJECT_SIZE = 256L * 1024 * 1024;

    /** The backend under test; opened before each test and closed after it. */
    protected StorageBackend backend;

    /** Creates the kit; a subclass says how to open the backend. */
    protected StorageBackendConformanceKit() {
        // State is opened per test, in openTheBackend.
    }

    /** Opens a fresh, empty backend for one test. */
    protected abstract StorageBackend openBackend() throws IOException;

    /**
     * Returns whether a writer that commits a key another writer committed while it was writing
     * is refused. True for backends with conditional writes; false where keys are unique by
     * construction (the vault's random ids) and the store cannot refuse a late writer.
     */
    protected boolean refusesLateWritersOfATakenKey() {
        return true;
    }

    /** Returns the size of the object that must stream without being held in memory. */
    protected long largeObjectSize() {
        return LARGE_OBJECT_SIZE;
    }

    /**
     * Returns a size that makes the backend stage or send an object in more than one piece
     * (a multipart upload, say), for the slow-write and failed-write tests.
     */
    protected int multipartSize() {
        return 12 * 1024 * 1024;
    }

    /**
     * Checks that nothing written by an abandoned or failed write is left behind outside the
     * visible objects (pending files, multipart uploads). Does nothing unless overridden.
     */
    protected void assertNothingLeftBehind() throws IOException {
        // Backends with hidden state override this.
    }

    /** Opens the backend under test before each test. */
    @BeforeEach
    protected void openTheBackend() throws IOException {
        backend = openBackend();
    }

    /** Closes the backend under test after each test. */
    @AfterEach
    protected void closeTheBackend() throws IOException {
        backend.close();
    }

    /** Bytes read back are exactly those committed. */
    @Test
    protected void readsBackExactlyTheBytesThatWereCommitted() throws IOException {
        byte[] bytes = randomBytes(300_001, 1);
        ObjectKey key = ObjectKey.of("recordings/2025/02/03/rec-1");

        write(key, bytes);

        try (InputStream in = backend.open(key)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(bytes.length, backend.size(key));
        assertTrue(backend.exists(key));
    }

    /** An empty object is an object. */
    @Test
    protected void readsBackAnEmptyObject() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/empty");

        write(key, new byte[0]);

        assertArrayEquals(new byte[0], read(key));
        assertEquals(0, backend.size(key));
    }

    /** Nothing is visible before commit, whatever has been written. */
    @Test
    protected void showsNothingBeforeCommit() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/pending");

        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(randomBytes(100_000, 2));
            pending.stream().flush();

            assertInvisible(key);

            pending.commit();
        }

        assertTrue(backend.exists(key));
    }

    /** A slow writer's object stays invisible between its writes, across pieces, until commit. */
    @Test
    protected void showsNothingWhileASlowWriterIsStillWriting() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/slow");
        byte[] bytes = randomBytes(multipartSize() + 1_000, 21);
        int step = bytes.length / 4;

        try (PendingObject pending = backend.create(key)) {
            for (int offset = 0; offset < bytes.length; offset += step) {
                pending.stream().write(bytes, offset, Math.min(step, bytes.length - offset));
                pending.stream().flush();
                assertInvisible(key);
            }
            pending.commit();
        }

        assertArrayEquals(bytes, read(key));
    }

    /** Closing without commit keeps nothing. */
    @Test
    protected void keepsNothingWhenClosedWithoutCommit() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/abandoned");

        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(randomBytes(10_000, 3));
        }

        assertFalse(backend.exists(key));
        assertEquals(List.of(), backend.list(""));
        assertNothingLeftBehind();
    }

    /** A writer that fails after several pieces were sent leaves nothing anywhere. */
    @Test
    protected void leavesNothingWhenAWriteFailsMidway() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/failed");
        byte[] bytes = randomBytes(multipartSize(), 4);

        IOException failure = assertThrows(IOException.class, () -> {
            try (PendingObject pending = backend.create(key)) {
                pending.stream().write(bytes);
                throw new IOException("the recorder's source failed midway");
            }
        });

        assertEquals("the recorder's source failed midway", failure.getMessage());
        assertInvisible(key);
        assertNothingLeftBehind();
    }

    /** The writer may close the stream itself before committing. */
    @Test
    protected void commitsWhenTheWriterHasClosedTheStreamItself() throws IOException {
        ObjectKey key = ObjectKey.of("closed-by-writer");
        byte[] bytes = "ciphertext".getBytes(UTF_8);

        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(bytes);
            pending.stream().close();
            pending.commit();
        }

        assertArrayEquals(bytes, read(key));
    }

    /** Creating a key that is already committed is refused, naming it. */
    @Test
    protected void refusesToCreateAnObjectThatAlreadyExists() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/rec-once");
        byte[] first = "first".getBytes(UTF_8);
        write(key, first);

        ObjectAlreadyExistsException refused =
                assertThrows(ObjectAlreadyExistsException.class, () -> backend.create(key));

        assertTrue(refused.getMessage().contains("recordings/rec-once"), refused.getMessage());
        assertTrue(refused.getMessage().contains("never overwritten"), refused.getMessage());
        assertArrayEquals(first, read(key));
    }

    /** A writer that started before another committed the key is refused at its commit. */
    @Test
    protected void neverOverwritesAnObjectCommittedByAnEarlierWriter() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/rec-race");
        byte[] first = "first writer".getBytes(UTF_8);
        byte[] second = "second writer".getBytes(UTF_8);

        try (PendingObject late = backend.create(key)) {
            late.stream().write(second);
            write(key, first);

            assertThrows(ObjectAlreadyExistsException.class, late::commit);
        }

        assertArrayEquals(first, read(key));
        assertEquals(List.of(key), backend.list(""));
    }

    /** Delete reports whether there was an object, and a second delete changes nothing. */
    @Test
    protected void deletesIdempotently() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/rec-gone");
        write(key, new byte[] {1, 2, 3});

        boolean first = backend.delete(key);
        boolean second = backend.delete(key);

        assertTrue(first);
        assertFalse(second);
        assertFalse(backend.exists(key));
        assertEquals(-1, backend.size(key));
        assertThrows(NoSuchFileException.class, () -> backend.open(key));
    }

    /** Listing by prefix returns exactly the keys that start with it, in key order. */
    @Test
    protected void listsObjectsByPrefixInKeyOrder() throws IOException {
        for (String value : List.of("recordings/2025/02/b", "recordings/2025/01/z",
                "recordings/2025/02/a", "recordings/2025/02/a.1", "other/x", "recordings-x")) {
            write(ObjectKey.of(value), new byte[] {7});
        }

        List<ObjectKey> all = backend.list("");
        List<ObjectKey> recordings = backend.list("recordings/");
        List<ObjectKey> february = backend.list("recordings/2025/02/");
        List<ObjectKey> partial = backend.list("recordings/2025/02/a");
        List<ObjectKey> none = backend.list("recordings/2026/");

        assertEquals(keys("other/x", "recordings-x", "recordings/2025/01/z",
                "recordings/2025/02/a", "recordings/2025/02/a.1", "recordings/2025/02/b"), all);
        assertEquals(keys("recordings/2025/01/z", "recordings/2025/02/a",
                "recordings/2025/02/a.1", "recordings/2025/02/b"), recordings);
        assertEquals(keys("recordings/2025/02/a", "recordings/2025/02/a.1",
                "recordings/2025/02/b"), february);
        assertEquals(keys("recordings/2025/02/a", "recordings/2025/02/a.1"), partial);
        assertEquals(List.of(), none);
    }

    /** A listing of more than 1,000 objects (one page of S3) returns every one, in order. */
    @Test
    protected void listsEveryObjectPastOneThousand() throws Exception {
        int count = 1_234;
        List<ObjectKey> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(ObjectKey.of(String.format("many/rec-%05d", i)));
        }
        write(ObjectKey.of("other/outside"), new byte[] {1});
        writeAll(expected);

        List<ObjectKey> listed = backend.list("many/");

        assertEquals(count, listed.size());
        assertEquals(expected, listed);
        assertEquals(count + 1, backend.list("").size());
    }

    /** A hostile listing prefix is refused, naming it. */
    @Test
    protected void refusesAHostileListPrefixNamingIt() throws IOException {
        write(ObjectKey.of("recordings/a"), new byte[] {1});

        InvalidObjectKeyException refused =
                assertThrows(InvalidObjectKeyException.class, () -> backend.list("../"));

        assertEquals("..", refused.key());
        assertTrue(refused.getMessage().contains("starting with '.'"), refused.getMessage());
    }

    /** Returns hostile keys, how a message shows each, and the rule each breaks. */
    protected static Stream<Arguments> hostileKeys() {
        return Stream.of(
                Arguments.of("../etc/passwd", "'../etc/passwd'", "starting with '.'"),
                Arguments.of("/abs/path", "'/abs/path'", "must not start or end with '/'"),
                Arguments.of("a/../../b", "'a/../../b'", "starting with '.'"),
                Arguments.of("recordings\\..\\x", "'recordings\\..\\x'", "U+005C"),
                Arguments.of("ｒｅｃ/ａ", "'\\uff52\\uff45\\uff43/\\uff41'", "NFKC"),
                Arguments.of("a\u2215b", "'a\\u2215b'", "U+2215"),
                Arguments.of("a\u0000b", "'a\\u0000b'", "U+0000"),
                Arguments.of(".pending/x", "'.pending/x'", "starting with '.'"),
                Arguments.of("a?b=c", "'a?b=c'", "U+003F"),
                Arguments.of("a%2f..", "'a%2f..'", "U+0025"),
                Arguments.of("Recordings/x", "'Recordings/x'", "U+0052"));
    }

    /** A hostile key is refused, naming it and the rule, and nothing stored changes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileKeys")
    protected void refusesAHostileKeyNamingItAndChangesNothing(String hostile, String shown,
            String rule) throws IOException {
        ObjectKey kept = ObjectKey.of("recordings/kept");
        write(kept, new byte[] {4, 2});
        List<ObjectKey> before = backend.list("");

        InvalidObjectKeyException refused = assertThrows(InvalidObjectKeyException.class,
                () -> backend.create(ObjectKey.of(hostile)));

        assertEquals(hostile, refused.key());
        assertTrue(refused.getMessage().contains(shown), refused.getMessage());
        assertTrue(refused.getMessage().contains(rule), refused.getMessage());
        assertEquals(before, backend.list(""));
        assertArrayEquals(new byte[] {4, 2}, read(kept));
    }

    /** Many writers at once each store their own object whole. */
    @Test
    protected void storesDistinctKeysFromConcurrentWriters() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit((Callable<Void>) () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    write(keyOf(thread, i), randomBytes(5_000 + i, thread * 1000L + i));
                }
                return null;
            }));
        }

        start.countDown();
        for (Future<?> each : done) {
            each.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(threads * perThread, backend.list("").size());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertArrayEquals(randomBytes(5_000 + i, t * 1000L + i), read(keyOf(t, i)));
            }
        }
    }

    /**
     * Writers racing for one key leave exactly one writer's bytes, whole; where the backend
     * refuses late writers, exactly one of them wins and the others are told so; elsewhere a
     * losing writer may also get a clear I/O error.
     */
    @Test
    protected void leavesOneWritersBytesWholeWhenManyRaceForOneKey() throws Exception {
        ObjectKey key = ObjectKey.of("recordings/contested");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte[] bytes = randomBytes(20_000, 500 + t);
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    write(key, bytes);
                    return true;
                } catch (ObjectAlreadyExistsException e) {
                    return false;
                } catch (IOException e) {
                    // A backend that relies on unique keys (S3Proxy ignores conditional writes)
                    // may fail a racing writer with a clear error: allowed, as long as what is
                    // stored is one writer's bytes, whole.
                    if (refusesLateWritersOfATakenKey()) {
                        throw e;
                    }
                    return false;
                }
            }));
        }

        start.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        if (refusesLateWritersOfATakenKey()) {
            assertEquals(1, winners);
        } else {
            assertTrue(winners >= 1, "at least one writer committed");
        }
        byte[] stored = read(key);
        boolean fromOneWriter = false;
        for (int t = 0; t < threads; t++) {
            fromOneWriter |= Arrays.equals(randomBytes(20_000, 500 + t), stored);
        }
        assertTrue(fromOneWriter, "the stored bytes are exactly one writer's");
        assertEquals(List.of(key), backend.list(""));
    }

    /**
     * A large object (256 MiB unless the backend says otherwise) goes in and comes out as a
     * stream: it is generated while written and checked by digest while read.
     */
    @Test
    protected void streamsALargeObjectInAndOutWithoutHoldingIt() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/large");
        long size = largeObjectSize();
        String written;

        try (PendingObject pending = backend.create(key)) {
            written = generate(pending.stream(), size, 99);
            pending.commit();
        }

        assertEquals(size, backend.size(key));
        assertEquals(written, digestOf(key));
    }

    private void assertInvisible(ObjectKey key) throws IOException {
        assertFalse(backend.exists(key), "no object is visible before commit");
        assertEquals(-1, backend.size(key));
        assertEquals(List.of(), backend.list(""));
        assertThrows(NoSuchFileException.class, () -> backend.open(key));
    }

    private static String generate(OutputStream out, long size, long seed) throws IOException {
        MessageDigest digest = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1024 * 1024];
        long left = size;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            random.nextBytes(chunk);
            out.write(chunk, 0, n);
            digest.update(chunk, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String digestOf(ObjectKey key) throws IOException {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[1024 * 1024];
        try (InputStream in = backend.open(key)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private void writeAll(List<ObjectKey> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ObjectKey key : keys) {
                done.add(pool.submit((Callable<Void>) () -> {
                    write(key, new byte[] {(byte) key.hashCode()});
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Writes and commits one object. */
    protected void write(ObjectKey key, byte[] bytes) throws IOException {
        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(bytes);
            pending.commit();
        }
    }

    /** Reads one object whole. */
    protected byte[] read(ObjectKey key) throws IOException {
        try (InputStream in = backend.open(key)) {
            return in.readAllBytes();
        }
    }

    /** Returns the same pseudo-random bytes for the same seed. */
    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ObjectKey keyOf(int thread, int index) {
        return ObjectKey.of("recordings/t" + thread + "/rec-" + index);
    }

    private static List<ObjectKey> keys(String... values) {
        return Stream.of(values).map(ObjectKey::of).toList();
    }
}
