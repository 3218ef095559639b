package org.callrec.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.storage.StorageBackend;
import org.callrec.spi.storage.StorageBackendProvider;

/**
 * Provides the {@code s3} storage backend.
 *
 * <p>Settings: {@code bucket} (required); {@code prefix} (a key prefix inside the bucket);
 * {@code endpoint} (an http or https URL, for a store other than AWS); {@code region} (default
 * {@code us-east-1}); {@code path-style} ({@code true} or {@code false}; default {@code true}
 * when an endpoint is given); {@code access-key} and {@code secret-key} (together, for tests and
 * local servers; otherwise the SDK's default credentials chain: environment, system properties,
 * profile files, container and instance roles); {@code part-size-mib} (5 to 512, default 8);
 * {@code max-attempts} (default 4); {@code attempt-timeout-seconds} (default 60);
 * {@code server-side-encryption} ({@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}) with
 * {@code sse-kms-key-id}; {@code object-lock-mode} ({@code GOVERNANCE} or {@code COMPLIANCE})
 * with {@code object-lock-retain-days}; {@code conditional-writes} (send
 * {@code If-None-Match: *}; default {@code true}); {@code sdk-checksums}
 * ({@code when-required}, the default, or {@code when-supported} for the SDK's trailing
 * checksums where the store reads them); {@code temp-directory} (where parts are staged).
 */
public final class S3StorageProvider implements StorageBackendProvider {
    /** The name this backend is chosen by. */
    public static final String NAME = "s3";

    private static final List<String> KNOWN = List.of(S3Settings.BUCKET, S3Settings.PREFIX,
            S3Settings.ENDPOINT, S3Settings.REGION, S3Settings.PATH_STYLE, S3Settings.ACCESS_KEY,
            S3Settings.SECRET_KEY, S3Settings.PART_SIZE_MIB, S3Settings.MAX_ATTEMPTS,
            S3Settings.ATTEMPT_TIMEOUT_SECONDS, S3Settings.SSE, S3Settings.SSE_KMS_KEY_ID,
            S3Settings.OBJECT_LOCK_MODE, S3Settings.OBJECT_LOCK_DAYS,
            S3Settings.CONDITIONAL_WRITES, S3Settings.SDK_CHECKSUMS, S3Settings.TEMP_DIRECTORY);

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public S3StorageProvider() {
        // Nothing to prepare: each backend is built from its own settings.
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a backend and checks that its bucket can be reached.
     *
     * @throws InvalidConfigurationException naming an unknown or invalid setting
     * @throws UncheckedIOException naming the bucket and the status when it cannot be reached
     */
    @Override
    public StorageBackend create(ProviderConfig config) {
        Set<String> unknown = new TreeSet<>(config.settings().keySet());
        KNOWN.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("the s3 storage backend does not know"
                    + " setting(s) " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        S3StorageBackend backend = new S3StorageBackend(S3Settings.from(config));
        try {
            backend.checkBucket();
        } catch (IOException e) {
            backend.close();
            throw new UncheckedIOException(e);
        }
        return backend;
    }
}
