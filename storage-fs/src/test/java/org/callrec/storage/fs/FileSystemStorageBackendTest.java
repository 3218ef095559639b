package org.callrec.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.testkit.storage.StorageBackendConformanceKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the storage contract on a real disk, then checks what only a file system can show. */
class FileSystemStorageBackendTest extends StorageBackendConformanceKit {
    @TempDir
    Path temp;

    private Path root;

    @Override
    protected StorageBackend openBackend() throws IOException {
        root = temp.resolve("store");
        return new FileSystemStorageBackend(root);
    }

    @Override
    protected void assertNothingLeftBehind() throws IOException {
        assertEquals(List.of(), pendingFiles());
    }

    @Test
    void createsItsRootReadableByItsOwnerOnly() throws IOException {
        String permissions =
                PosixFilePermissions.toString(Files.getPosixFilePermissions(root));

        assertEquals("rwx------", permissions);
    }

    @Test
    void writesPendingFilesReadableByTheirOwnerOnly() throws IOException {
        try (PendingObject pending = backend.create(ObjectKey.of("a"))) {
            Path file = onlyPendingFile();

            assertEquals("rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void leavesNoPendingFileAfterCommitOrAbandon() throws IOException {
        try (PendingObject kept = backend.create(ObjectKey.of("kept"));
                PendingObject dropped = backend.create(ObjectKey.of("dropped"))) {
            kept.stream().write(1);
            dropped.stream().write(2);
            assertEquals(2, pendingFiles().size());

            kept.commit();
        }

        assertEquals(List.of(), pendingFiles());
        assertEquals(List.of(ObjectKey.of("kept")), backend.list(""));
    }

    @Test
    void commitsIntoAFolderThatAnotherStillPendingWriteMade() throws IOException {
        ObjectKey first = ObjectKey.of("recordings/2026/03/02/rec-1");
        ObjectKey second = ObjectKey.of("recordings/2026/03/02/rec-2");

        try (PendingObject maker = backend.create(first);
                PendingObject follower = backend.create(second)) {
            follower.stream().write(2);
            follower.commit();
            maker.stream().write(1);
            maker.commit();
        }

        assertEquals(List.of(first, second), backend.list("recordings/"));
        assertArrayEquals(new byte[] {2}, read(second));
        assertEquals(List.of(), pendingFiles());
    }

    @Test
    void removesPendingFilesLeftByACrashWhenOpened() throws IOException {
        write(ObjectKey.of("recordings/committed"), "kept".getBytes(UTF_8));
        Path pendingDir = root.resolve(FileSystemStorageBackend.PENDING_DIRECTORY);
        Files.write(pendingDir.resolve("crashed-1.part"), new byte[] {1, 2});
        Files.write(pendingDir.resolve("crashed-2.part"), new byte[] {3});
        backend.close();

        backend = new FileSystemStorageBackend(root);

        assertEquals(List.of(), pendingFiles());
        assertEquals(List.of(ObjectKey.of("recordings/committed")), backend.list(""));
        assertArrayEquals("kept".getBytes(UTF_8), read(ObjectKey.of("recordings/committed")));
    }

    @Test
    void refusesASymbolicLinkInsideTheRootThatPointsOutside() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("recordings"), outside);
        write(ObjectKey.of("kept"), new byte[] {9});
        List<ObjectKey> before = backend.list("");
        ObjectKey key = ObjectKey.of("recordings/rec-1");

        ObjectOutsideRootException refused =
                assertThrows(ObjectOutsideRootException.class, () -> write(key, new byte[] {1}));

        assertTrue(refused.getMessage().contains("'recordings/rec-1'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
        assertEquals(before, backend.list(""));
        try (Stream<Path> escaped = Files.list(outside)) {
            assertEquals(0, escaped.count());
        }
    }

    @Test
    void refusesToReadOrDeleteThroughASymbolicLinkedObject() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("secret"), secret);
        ObjectKey key = ObjectKey.of("secret");

        ObjectOutsideRootException onOpen =
                assertThrows(ObjectOutsideRootException.class, () -> backend.open(key));
        ObjectOutsideRootException onDelete =
                assertThrows(ObjectOutsideRootException.class, () -> backend.delete(key));

        assertTrue(onOpen.getMessage().contains("'secret'"), onOpen.getMessage());
        assertTrue(onDelete.getMessage().contains("is a symbolic link"), onDelete.getMessage());
        assertEquals("outside the root", Files.readString(secret));
        assertEquals(List.of(), backend.list(""));
    }

    @Test
    void writesNothingOutsideTheRootForATraversalKey() throws IOException {
        List<Path> before = listTree(temp);

        assertThrows(IllegalArgumentException.class,
                () -> backend.create(ObjectKey.of("../escaped")));

        assertEquals(before, listTree(temp));
        assertFalse(Files.exists(temp.resolve("escaped"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesAKeyUnderAnExistingObjectNamingBoth() throws IOException {
        write(ObjectKey.of("recordings"), new byte[] {1});
        ObjectKey under = ObjectKey.of("recordings/rec-1");

        IOException refused = assertThrows(IOException.class, () -> write(under, new byte[] {2}));

        assertTrue(refused.getMessage().contains("'recordings/rec-1'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("is an object, not a directory"),
                refused.getMessage());
        assertEquals(List.of(ObjectKey.of("recordings")), backend.list(""));
        assertEquals(List.of(), pendingFiles());
    }

    @Test
    void refusesUseAfterClose() throws IOException {
        backend.close();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> backend.list(""));

        assertTrue(refused.getMessage().contains("is closed"), refused.getMessage());
    }

    private Path onlyPendingFile() throws IOException {
        List<Path> files = pendingFiles();
        assertEquals(1, files.size());
        return files.get(0);
    }

    private List<Path> pendingFiles() throws IOException {
        try (Stream<Path> files =
                Files.list(root.resolve(FileSystemStorageBackend.PENDING_DIRECTORY))) {
            return files.toList();
        }
    }

    private static List<Path> listTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }
}
