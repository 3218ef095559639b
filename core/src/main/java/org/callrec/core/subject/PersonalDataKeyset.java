package org.callrec.core.subject;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.catalogue.PersonalDataSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the personal data the catalogue keeps with a dedicated Tink keyset (AES-256-GCM, bound
 * to the call id), and derives blind indexes of numbers with a second one (HMAC-SHA256 PRF), so
 * that a copy of the catalogue alone reveals no one's number (clause 4.4, subject access).
 *
 * <p>Both keysets live in one owner-only folder ({@code personal-data-aead.tink} and
 * {@code personal-data-index.tink}), created on first use. <b>Fit for evaluation only</b>, like
 * the local key-encryption keyset: in production keep these keys in a KMS.
 *
 * <p>Safe for use from many threads. Never logs what it seals.
 */
public final class PersonalDataKeyset implements PersonalDataSeal {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataKeyset.class);

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final int INDEX_BYTES = 32;

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;
    private final PrfSet index;

    private PersonalDataKeyset(Aead aead, PrfSet index) {
        this.aead = aead;
        this.index = index;
    }

    /**
     * Opens the keysets in a folder, creating them (and the folder, owner-only) when missing.
     *
     * @throws InvalidConfigurationException naming the file when a keyset file may be read by
     *     its group or others, or is not a keyset
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static PersonalDataKeyset open(Path folder) {
        Objects.requireNonNull(folder, "folder");
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            KeysetHandle aeadKeys = load(folder.resolve("personal-data-aead.tink"), true);
            KeysetHandle indexKeys = load(folder.resolve("personal-data-index.tink"), false);
            return new PersonalDataKeyset(
                    aeadKeys.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    indexKeys.getPrimitive(RegistryConfiguration.get(), PrfSet.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the personal data keysets in " + folder,
                    e);
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("the personal data keysets in " + folder
                    + " are not usable Tink keysets", e);
        }
    }

    private static KeysetHandle load(Path file, boolean forSealing)
            throws IOException, GeneralSecurityException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file,
                    LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new InvalidConfigurationException("personal data keyset '" + file
                        + "' must be readable by its owner only (0600), was "
                        + PosixFilePermissions.toString(permissions));
            }
            return TinkProtoKeysetFormat.parseKeyset(Files.readAllBytes(file),
                    InsecureSecretKeyAccess.get());
        }

        KeysetHandle created = KeysetHandle.generateNew(forSealing
                ? PredefinedAeadParameters.AES256_GCM : PredefinedPrfParameters.HMAC_SHA256_PRF);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.write(file, TinkProtoKeysetFormat.serializeKeyset(created,
                InsecureSecretKeyAccess.get()));
        LOG.info("Created personal data keyset {}", file);
        return created;
    }

    @Override
    public String seal(String clear, String context) {
        Objects.requireNonNull(clear, "clear");
        try {
            byte[] sealed = aead.encrypt(clear.getBytes(StandardCharsets.UTF_8), bytes(context));
            return Base64.getEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data could not be sealed", e);
        }
    }

    @Override
    public String open(String sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        try {
            byte[] clear = aead.decrypt(Base64.getDecoder().decode(sealed), bytes(context));
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("sealed personal data of '" + context
                    + "' could not be opened: not sealed with this keyset for this context", e);
        }
    }

    @Override
    public String blindIndex(String normalised) {
        Objects.requireNonNull(normalised, "normalised");
        try {
            return HexFormat.of().formatHex(index.computePrimary(
                    normalised.getBytes(StandardCharsets.UTF_8), INDEX_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index could not be computed", e);
        }
    }

    private static byte[] bytes(String context) {
        return Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PersonalDataKeyset[AES-256-GCM, HMAC-SHA256 PRF]";
    }
}
