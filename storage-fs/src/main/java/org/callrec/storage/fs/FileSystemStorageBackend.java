package org.callrec.storage.fs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callrec.spi.storage.InvalidObjectKeyException;
import org.callrec.spi.storage.ObjectAlreadyExistsException;
import org.callrec.spi.storage.ObjectKey;
import org.callrec.spi.storage.PendingObject;
import org.callrec.spi.storage.StorageBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores objects as files under one root directory on a local disk. An object key's segments
 * become the directories and the file name under the root.
 *
 * <p>A write goes to a new file under {@code <root>/.pending/}, which no key can name because a
 * key's segments never start with a dot; the directories the key needs are made then too.
 * {@link PendingObject#commit()} forces that file to disk, then the entries of directories made
 * for it, publishes it under its key with a hard link (which fails, rather than replacing, when
 * the key already exists), removes the pending name and forces the directory, so a crash at any
 * instant leaves the object either wholly visible or absent. Opening a backend removes pending
 * files that a crash left behind; a write that is abandoned or cut short may leave an empty
 * directory.
 *
 * <p>Keys are mapped onto paths only through their validated segments, the result is checked to
 * stay under the root, and no symbolic link on the way is followed: a link inside the root is
 * refused with an {@link ObjectOutsideRootException}.
 *
 * <p>Safe for use from many threads. Directories and files it creates are readable by their
 * owner only, where the file system has POSIX permissions.
 */
public final class FileSystemStorageBackend implements StorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemStorageBackend.class);

    /** The directory under the root that holds writes not yet committed. */
    static final String PENDING_DIRECTORY = ".pending";

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path root;
    private final Path pending;
    private final boolean posix;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Directories created for a pending object whose entry in their parent is not forced. */
    private final Set<Path> notDurable = ConcurrentHashMap.newKeySet();

    /**
     * Opens the backend on a root directory, creating it (owner-only) when it is missing, and
     * removes pending files left by an interrupted write.
     *
     * <p>Limitation: removing pending files on open assumes one backend instance per root; a
     * second instance opened on a root while another writes there discards that writer's
     * uncommitted object, whose commit then fails.
     *
     * @param root the directory that holds every object; never null
     * @throws IOException when the root cannot be created or read
     */
    public FileSystemStorageBackend(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(root.toAbsolutePath(), ownerOnlyDirectory());
        this.root = root.toRealPath();
        this.pending = this.root.resolve(PENDING_DIRECTORY);

        createRealDirectory(pending);

        removeStalePendingFiles();
    }

    /** Returns the real path of the root directory; never null. */
    public Path root() {
        return root;
    }

    @Override
    public PendingObject create(ObjectKey key) throws IOException {
        checkOpen();
        Path target = resolve(key);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ObjectAlreadyExistsException(key);
        }

        createParentDirectories(key);

        Path temp = pending.resolve(UUID.randomUUID() + ".part");
        FileChannel channel = FileChannel.open(temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnlyFile());
        return new PendingFile(key, target, temp, channel);
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        checkOpen();
        Path file = objectFile(key)
                .orElseThrow(() -> new NoSuchFileException(key.value(), null, "no such object"));

        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean exists(ObjectKey key) throws IOException {
        checkOpen();
        return objectFile(key).isPresent();
    }

    @Override
    public long size(ObjectKey key) throws IOException {
        checkOpen();
        Optional<Path> file = objectFile(key);
        if (file.isEmpty()) {
            return -1;
        }
        return Files.readAttributes(file.get(), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).size();
    }

    @Override
    public boolean delete(ObjectKey key) throws IOException {
        checkOpen();
        Optional<Path> file = objectFile(key);
        if (file.isEmpty()) {
            return false;
        }

        boolean deleted = Files.deleteIfExists(file.get());
        if (deleted) {
            forceDirectory(file.get().getParent());
        }
        // Limitation: directories emptied by deletes stay behind; removing them would race with
        // a concurrent commit that has just created one for its own key.
        return deleted;
    }

    @Override
    public List<ObjectKey> list(String prefix) throws IOException {
        checkOpen();
        Objects.requireNonNull(prefix, "prefix");
        Path start = root;
        int lastSlash = prefix.lastIndexOf('/');
        if (lastSlash >= 0) {
            start = resolve(ObjectKey.of(prefix.substring(0, lastSlash)));
        }
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }

        List<ObjectKey> keys = new ArrayList<>();
        Files.walkFileTree(start, new KeyCollector(prefix, keys));

        keys.sort(Comparator.comparing(ObjectKey::value));
        return keys;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "FileSystemStorageBackend[" + root + "]";
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the storage backend at " + root + " is closed");
        }
    }

    private Optional<Path> objectFile(ObjectKey key) throws IOException {
        Path path = resolve(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path,
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? Optional.of(path) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Maps a key onto its path, refusing any path that would leave the root. ObjectKey already
     * forbids separators and dot segments; the checks here hold even if that ever changes.
     */
    // Limitation: the link checks and the later file operation are separate steps (Java has no
    // openat with O_NOFOLLOW per directory), so someone who can write inside the root could swap
    // a directory for a link in between; the root must be writable by this process only.
    private Path resolve(ObjectKey key) throws IOException {
        String[] segments = key.segments();
        Path path = root;
        for (String segment : segments) {
            checkNotLink(key, path);
            path = path.resolve(segment);
        }
        checkNotLink(key, path);

        boolean inside = path.startsWith(root) && path.normalize().equals(path)
                && root.relativize(path).getNameCount() == segments.length;
        if (!inside) {
            throw new InvalidObjectKeyException(key.value(),
                    "does not map to a path inside the storage root");
        }

        Path parent = path.getParent();
        if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)
                && !parent.toRealPath().startsWith(root)) {
            throw new ObjectOutsideRootException(key, root.relativize(parent).toString(),
                    "resolves outside the root");
        }
        return path;
    }

    private void checkNotLink(ObjectKey key, Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new ObjectOutsideRootException(key, root.relativize(path).toString(),
                    "is a symbolic link");
        }
    }

    /**
     * Creates each missing directory of a key's parent without forcing it to disk, and notes it
     * as not yet durable. The commit of any object under it forces it after the object's own
     * data: on a journalling file system the object's force has then already carried the new
     * entries to disk, so each directory force is cheap, where forcing each one as it is made
     * waits for the disk once per directory before the first byte is written.
     */
    private void createParentDirectories(ObjectKey key) throws IOException {
        String[] segments = key.segments();
        Path directory = root;
        for (int i = 0; i < segments.length - 1; i++) {
            directory = directory.resolve(segments[i]);
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                // The usual case, as a key's folders are shared: no failed create to pay for.
                continue;
            }
            try {
                Files.createDirectory(directory, ownerOnlyDirectory());
                notDurable.add(directory);
            } catch (FileAlreadyExistsException e) {
                // Created earlier or by a concurrent writer: check what is there instead.
                checkNotLink(key, directory);
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileSystemException(root.relativize(directory).toString(), null,
                            "is an object, not a directory, so object key '" + key
                                    + "' cannot be stored under it");
                }
            }
        }
    }

    /**
     * Forces the entry of every directory on a key's path that was created and not yet forced,
     * outermost first, whoever created it: an object committed into a directory that a
     * concurrent write created must not be acknowledged before that directory is durable.
     */
    private void forceNewDirectoriesOf(ObjectKey key) throws IOException {
        String[] segments = key.segments();
        Path directory = root;
        for (int i = 0; i < segments.length - 1; i++) {
            directory = directory.resolve(segments[i]);
            if (notDurable.contains(directory)) {
                forceDirectory(directory.getParent());
                notDurable.remove(directory);
            }
        }
    }

    private void createRealDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, ownerOnlyDirectory());
            forceDirectory(directory.getParent());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(directory.toString(), null,
                        "must be a real directory, but is a file or a symbolic link");
            }
        }
    }

    private void removeStalePendingFiles() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pending)) {
            for (Path file : files) {
                Files.delete(file);
                removed++;
            }
        }
        if (removed > 0) {
            forceDirectory(pending);
            LOG.info("Removed {} uncommitted pending file(s) left by an interrupted write in {}",
                    removed, pending);
        }
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private FileAttribute<?>[] ownerOnlyDirectory() {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private FileAttribute<?>[] ownerOnlyFile() {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Collects the keys of regular files under a directory, skipping dot directories. */
    private final class KeyCollector extends SimpleFileVisitor<Path> {
        private final String prefix;
        private final List<ObjectKey> keys;

        KeyCollector(String prefix, List<ObjectKey> keys) {
            this.prefix = prefix;
            this.keys = keys;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            boolean hidden = !dir.equals(root)
                    && dir.getFileName().toString().startsWith(".");
            return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!attributes.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }

            String value = root.relativize(file).toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            if (value.startsWith(prefix)) {
                try {
                    keys.add(ObjectKey.of(value));
                } catch (InvalidObjectKeyException e) {
                    // A file put there by hand, not by this backend; it is not an object.
                    LOG.debug("Skipped a file whose name is not an object key: {}",
                            e.getMessage());
                }
            }
            return FileVisitResult.CONTINUE;
        }
    }

    /** A write in progress: a pending file, published under its key on commit. */
    private final class PendingFile implements PendingObject {
        private final ObjectKey key;
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream stream;
        private boolean committed;
        private boolean closed;

        PendingFile(ObjectKey key, Path target, Path temp, FileChannel channel) {
            this.key = key;
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.stream = new BufferedOutputStream(new ChannelStream(channel), BUFFER_BYTES);
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            if (closed || committed) {
                throw new IllegalStateException("the write of object '" + key
                        + "' is already " + (committed ? "committed" : "closed"));
            }

            stream.flush();
            channel.force(true);
            channel.close();

            checkOpen();
            resolve(key);
            forceNewDirectoriesOf(key);
            publish(target.getParent());
            committed = true;

            Files.deleteIfExists(temp);
            if (LOG.isDebugEnabled()) {
                LOG.debug("Committed object {} ({} bytes)", key, Files.size(target));
            }
        }

        private void publish(Path parent) throws IOException {
            // Limitation: publishing needs hard links, so the root must be on a file system that
            // has them (ext4, xfs, btrfs, APFS, NTFS do; FAT and some network shares do not).
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw new ObjectAlreadyExistsException(key);
            }

            try {
                forceDirectory(parent);
            } catch (IOException e) {
                // Not durable means not committed: withdraw the object before reporting.
                Files.deleteIfExists(target);
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;

            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Writes to a file channel. Closing it leaves the channel open, because commit still has to
     * force the channel to disk after the caller has closed the stream it was given.
     */
    private static final class ChannelStream extends OutputStream {
        private final FileChannel channel;
        private boolean closed;

        ChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("the stream of a pending object is closed");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
