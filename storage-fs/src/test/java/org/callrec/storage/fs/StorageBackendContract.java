package org.callrec.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * The promises of {@link StorageBackend} that every backend keeps. A backend's test extends
 * this class and says how to open the backend under test; the contract then runs against it.
 */
abstract class StorageBackendContract {
    /** The backend under test; opened before each test and closed after it. */
    protected StorageBackend backend;

    /** Opens a fresh, empty backend for one test. */
    protected abstract StorageBackend openBackend() throws IOException;

    @BeforeEach
    void openTheBackend() throws IOException {
        backend = openBackend();
    }

    @AfterEach
    void closeTheBackend() throws IOException {
        backend.close();
    }

    @Test
    void readsBackExactlyTheBytesThatWereCommitted() throws IOException {
        byte[] bytes = randomBytes(300_001, 1);
        ObjectKey key = ObjectKey.of("recordings/2025/02/03/rec-1");

        write(key, bytes);

        try (InputStream in = backend.open(key)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(bytes.length, backend.size(key));
        assertTrue(backend.exists(key));
    }

    @Test
    void showsNothingBeforeCommit() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/pending");

        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(randomBytes(100_000, 2));
            pending.stream().flush();

            assertFalse(backend.exists(key));
            assertEquals(-1, backend.size(key));
            assertEquals(List.of(), backend.list(""));
            assertThrows(NoSuchFileException.class, () -> backend.open(key));

            pending.commit();
        }

        assertTrue(backend.exists(key));
    }

    @Test
    void keepsNothingWhenClosedWithoutCommit() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/abandoned");

        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(randomBytes(10_000, 3));
        }

        assertFalse(backend.exists(key));
        assertEquals(List.of(), backend.list(""));
    }

    @Test
    void commitsWhenTheWriterHasClosedTheStreamItself() throws IOException {
        ObjectKey key = ObjectKey.of("closed-by-writer");
        byte[] bytes = "ciphertext".getBytes(UTF_8);

        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(bytes);
            pending.stream().close();
            pending.commit();
        }

        assertArrayEquals(bytes, read(key));
    }

    @Test
    void refusesToCreateAnObjectThatAlreadyExists() throws IOException {
        ObjectKey key = ObjectKey.of("recordings/rec-once");
        byte[] first = "first".getBytes(UTF_8);
        write(key, first);

        ObjectAlreadyExistsException refused =
                assertThrows(ObjectAlreadyExistsException.class, () -> backend.create(key));

        assertTrue(refused.getMessage().contains("recordings/rec-once"), refused.getMessage());
        assertTrue(refused.getMessage().contains("never overwritten"), refused.getMessage());
        assertArrayEquals(first, read(key));
    }

    @Test
    void neverOverwritesAnObjectCommittedByAnEarlierWriter() throws IOException {
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

    @Test
    void deletesIdempotently() throws IOException {
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

    @Test
    void listsObjectsByPrefixInKeyOrder() throws IOException {
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

    @Test
    void refusesAHostileListPrefixNamingIt() throws IOException {
        write(ObjectKey.of("recordings/a"), new byte[] {1});

        InvalidObjectKeyException refused =
                assertThrows(InvalidObjectKeyException.class, () -> backend.list("../"));

        assertEquals("..", refused.key());
        assertTrue(refused.getMessage().contains("starting with '.'"), refused.getMessage());
    }

    static Stream<Arguments> hostileKeys() {
        return Stream.of(
                Arguments.of("../etc/passwd", "'../etc/passwd'", "starting with '.'"),
                Arguments.of("/abs/path", "'/abs/path'", "must not start or end with '/'"),
                Arguments.of("a/../../b", "'a/../../b'", "starting with '.'"),
                Arguments.of("recordings\\..\\x", "'recordings\\..\\x'", "U+005C"),
                Arguments.of("ｒｅｃ/ａ", "'\\uff52\\uff45\\uff43/\\uff41'", "NFKC"),
                Arguments.of("a\u2215b", "'a\\u2215b'", "U+2215"),
                Arguments.of("a\u0000b", "'a\\u0000b'", "U+0000"),
                Arguments.of(".pending/x", "'.pending/x'", "starting with '.'"),
                Arguments.of("Recordings/x", "'Recordings/x'", "U+0052"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileKeys")
    void refusesAHostileKeyNamingItAndChangesNothing(String hostile, String shown, String rule)
            throws IOException {
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

    @Test
    void storesDistinctKeysFromConcurrentWriters() throws Exception {
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
            each.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(threads * perThread, backend.list("").size());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertArrayEquals(randomBytes(5_000 + i, t * 1000L + i), read(keyOf(t, i)));
            }
        }
    }

    @Test
    void letsExactlyOneOfManyConcurrentWritersOfOneKeyWin() throws Exception {
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
                }
            }));
        }

        start.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, winners);
        byte[] stored = read(key);
        boolean fromOneWriter = false;
        for (int t = 0; t < threads; t++) {
            fromOneWriter |= java.util.Arrays.equals(randomBytes(20_000, 500 + t), stored);
        }
        assertTrue(fromOneWriter, "the stored bytes are exactly one writer's");
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
