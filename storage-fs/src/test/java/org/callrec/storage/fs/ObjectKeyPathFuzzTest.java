package org.callrec.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.callrec.spi.storage.InvalidObjectKeyException;
import org.callrec.spi.storage.ObjectAlreadyExistsException;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.callrec.testkit.fuzz.FuzzRuns;

/**
 * Random strings, biased towards path tricks, never make the file-system backend write outside
 * its root: each is refused as a key, or its object lands under the root and reads back under
 * the same key. Tries: see {@link FuzzRuns}.
 */
class ObjectKeyPathFuzzTest {
    @TempDir
    Path folder;

    @Test
    void noStringWritesOutsideTheRoot() throws IOException {
        Path root = folder.resolve("root");
        Path outside = folder.resolve("outside");
        Files.createDirectories(outside);
        try (FileSystemStorageBackend backend = new FileSystemStorageBackend(root)) {
            FuzzRuns.forAll(400, ObjectKeyPathFuzzTest::candidate,
                    value -> storeUnderRootOrRefuse(backend, value));
        }

        Path realRoot = root.toRealPath();
        try (Stream<Path> escaped = Files.walk(folder.toRealPath())) {
            List<Path> strays = escaped.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(realRoot)).toList();
            assertEquals(List.of(), strays);
        }
    }

    @Test
    void keyBelowAnExistingObjectIsRefusedNamingBothAndWritingNothing() throws IOException {
        try (FileSystemStorageBackend backend =
                new FileSystemStorageBackend(folder.resolve("root"))) {
            storeUnderRootOrRefuse(backend, "-");

            FileSystemException refused = assertThrows(FileSystemException.class, () -> {
                try (PendingObject pending = backend.create(ObjectKey.of("-/-"))) {
                    pending.stream().write(1);
                    pending.commit();
                }
            });

            assertTrue(refused.getMessage().contains("'-/-'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("is an object, not a directory"),
                    refused.getMessage());
            assertEquals(List.of(ObjectKey.of("-")), backend.list(""));
        }
    }

    private static void storeUnderRootOrRefuse(FileSystemStorageBackend backend, String value)
            throws IOException {
        ObjectKey key;
        try {
            key = ObjectKey.of(value);
        } catch (InvalidObjectKeyException refused) {
            return;
        }

        byte[] content = value.getBytes(StandardCharsets.UTF_8);
        try (PendingObject pending = backend.create(key)) {
            pending.stream().write(content);
            pending.commit();
        } catch (ObjectAlreadyExistsException | ObjectOutsideRootException refused) {
            return;
        } catch (FileSystemException refused) {
            // Found by this test: a key below an existing object ('-/-' after '-') is refused
            // with the object in the way named; see keyBelowAnExistingObjectIsRefused.
            assertTrue(refused.getMessage().contains("'" + value + "'"), refused.getMessage());
            return;
        }

        Path file = backend.root().resolve(value).normalize();
        assertTrue(file.startsWith(backend.root()), file.toString());
        try (var in = backend.open(key)) {
            assertEquals(value, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String candidate(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            text.append(FuzzRuns.oneOf(random, "a", "b", "c9", "/", "/", ".", "..", "../",
                    "..\\", "%2e", "\uFF0E", "-", "_", "x.y", "A", "\u0000"));
        }
        return text.toString();
    }
}
