package org.callrec.core.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.keys.KeyProvider;
import org.callrec.spi.keys.WrappedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key provider that keeps its key-encryption keys in a Tink AES-256-GCM keyset in a local file.
 *
 * <p><b>Fit for evaluation only.</b> The key-encryption keys sit in plaintext in a file beside the
 * data they protect, so anyone who can read that file, a backup of it, or the disk it is on can
 * unwrap every recording's data key. In production, put a KMS or an HSM behind the same
 * {@link KeyProvider} contract, so that key-encryption keys never leave it.
 *
 * <p>The file is created on first use, readable and writable by its owner only (0600, set as it
 * is created), in a directory created owner-only if missing. A file that its group or others may
 * access in any way is refused. Every change is written to a new file that then replaces the old
 * one atomically, so a crash leaves either the old keyset or the new one.
 *
 * <p>Key ids are Tink key ids as unsigned decimal text. {@link #destroy} removes a key from the
 * keyset and rewrites the file; destroying the current key first makes a fresh key current.
 *
 * <p>Safe for use from many threads. Limitation: one process per keyset file; two processes that
 * change the same file at once can lose one's change.
 */
public final class LocalKeysetKeyProvider implements KeyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeysetKeyProvider.class);

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final Object changes = new Object();
    private volatile Keyset keyset;
    private volatile boolean closed;

    /**
     * Opens the keyset in a file, creating the file with one fresh key when it does not exist.
     *
     * @param keysetFile the keyset file; never null
     * @throws InvalidConfigurationException naming the file and the rule when the file may be
     *     accessed by its group or others, is not a keyset, is not on a file system with
     *     POSIX permissions, or its current key cannot wrap and unwrap a data key
     * @throws IOException when the file cannot be read or created
     */
    public LocalKeysetKeyProvider(Path keysetFile) throws IOException {
        Objects.requireNonNull(keysetFile, "keysetFile");
        this.file = keysetFile.toAbsolutePath();
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new InvalidConfigurationException("keyset file '" + file + "' must be on a"
                    + " file system with POSIX permissions, so that it can be kept owner-only");
        }

        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            this.keyset = load();
            LOG.info("Loaded keyset file {}; current key-encryption key {}",
                    file, keyset.currentKeyId());
        } else {
            this.keyset = create();
            LOG.info("Created keyset file {} with key-encryption key {}",
                    file, keyset.currentKeyId());
        }

        checkCurrentKeyWraps();
    }

    /**
     * Wraps and unwraps a random stand-in key under the current key-encryption key, so that a
     * keyset that cannot do its job is found when it is opened, not when the first recording
     * arrives; the cipher's one-time set-up is then done before that recording too.
     */
    private void checkCurrentKeyWraps() {
        byte[] standIn = new byte[32];
        byte[] binding = "callrec/key-provider-check".getBytes(StandardCharsets.US_ASCII);
        new SecureRandom().nextBytes(standIn);
        try {
            byte[] wrapped = keyset.aead().encrypt(standIn, binding);
            if (!Arrays.equals(standIn, keyset.aead().decrypt(wrapped, binding))) {
                throw new GeneralSecurityException("unwrapping gave other bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("keyset file '" + file + "' holds a current"
                    + " key-encryption key " + keyset.currentKeyId() + " that cannot wrap and"
                    + " unwrap a data key", e);
        }
    }

    /** Returns the absolute path of the keyset file; never null. */
    public Path file() {
        return file;
    }

    @Override
    public String currentKeyId() {
        return current().currentKeyId();
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] associatedData)
            throws GeneralSecurityException {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(associatedData, "associatedData");
        Keyset now = current();

        byte[] wrapped = now.aead().encrypt(dataKey, associatedData);

        return new WrappedKey(now.currentKeyId(), wrapped);
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] associatedData)
            throws GeneralSecurityException {
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(associatedData, "associatedData");
        Keyset now = current();

        if (!now.contains(wrapped.keyId())) {
            throw new GeneralSecurityException("key-encryption key '" + wrapped.keyId()
                    + "' is not in keyset file " + file + ": it was destroyed or never existed");
        }
        return now.aead().decrypt(wrapped.bytes(), associatedData);
    }

    /**
     * Destroys a key-encryption key: removes it from the keyset and rewrites the file, so that
     * nothing wrapped under it can be unwrapped again. When it is the current key, a fresh key
     * becomes current first. Unknown or already destroyed keys are ignored.
     *
     * <p>Limitation: the old file is replaced, not overwritten; its blocks may stay readable on
     * the disk (and in any backup) until reused, which a KMS or HSM does not suffer from.
     */
    @Override
    public void destroy(String keyId) throws GeneralSecurityException {
        Objects.requireNonNull(keyId, "keyId");
        synchronized (changes) {
            Keyset now = current();
            int index = now.indexOf(keyId);
            if (index < 0) {
                return;
            }

            KeysetHandle.Builder builder = KeysetHandle.newBuilder(now.handle());
            if (now.handle().getAt(index).isPrimary()) {
                builder.addEntry(KeysetHandle.generateEntryFromParameters(
                        PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
            }
            builder.deleteAt(index);
            Keyset next = new Keyset(builder.build());

            write(next.handle());
            keyset = next;
            LOG.info("Destroyed key-encryption key {} in keyset file {}; current key {}",
                    keyId, file, next.currentKeyId());
        }
    }

    /** Forgets the keyset; the provider is unusable afterwards. The file is left in place. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "LocalKeysetKeyProvider[" + file + "]";
    }

    private Keyset current() {
        if (closed) {
            throw new IllegalStateException("the key provider for " + file + " is closed");
        }
        return keyset;
    }

    private Keyset load() throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
            throw new InvalidConfigurationException("keyset file '" + file + "' has permissions "
                    + PosixFilePermissions.toString(permissions) + "; a keyset file holds key"
                    + " material and must be accessible by its owner only (0600, rw-------)");
        }

        byte[] bytes = Files.readAllBytes(file);
        try {
            return new Keyset(TinkProtoKeysetFormat.parseKeyset(bytes,
                    InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("keyset file '" + file + "' is not a Tink"
                    + " keyset of AEAD keys in binary format", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private Keyset create() throws IOException {
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(OWNER_ONLY_DIRECTORY));
        }

        try {
            Keyset created = new Keyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
            write(created.handle());
            return created;
        } catch (GeneralSecurityException e) {
            throw new IOException("could not generate a keyset for " + file, e);
        }
    }

    /**
     * Writes a keyset to a new owner-only file beside the keyset file, forces it to disk, moves
     * it over the keyset file atomically and forces the directory.
     */
    private void write(KeysetHandle handle) throws GeneralSecurityException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID()
                + ".tmp");
        byte[] bytes = TinkProtoKeysetFormat.serializeKeyset(handle,
                InsecureSecretKeyAccess.get());
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly(OWNER_ONLY_FILE))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }

            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(file.getParent(),
                    StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new GeneralSecurityException("could not write keyset file " + file, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void deleteQuietly(Path temp, IOException failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static FileAttribute<?> ownerOnly(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /** One version of the keyset with its AEAD primitive. */
    private record Keyset(KeysetHandle handle, Aead aead) {
        Keyset(KeysetHandle handle) throws GeneralSecurityException {
            this(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        }

        String currentKeyId() {
            return Integer.toUnsignedString(handle.getPrimary().getId());
        }

        boolean contains(String keyId) {
            return indexOf(keyId) >= 0;
        }

        int indexOf(String keyId) {
            for (int i = 0; i < handle.size(); i++) {
                if (Integer.toUnsignedString(handle.getAt(i).getId()).equals(keyId)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
