package org.callrec.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.storage.InvalidObjectKeyException;
import org.callrec.spi.storage.ObjectKey;

/**
 * The validated settings of the {@code s3} backend. {@link #toString()} never shows the access
 * key or the secret key.
 */
final class S3Settings {
    static final String BUCKET = "bucket";
    static final String PREFIX = "prefix";
    static final String ENDPOINT = "endpoint";
    static final String REGION = "region";
    static final String PATH_STYLE = "path-style";
    static final String ACCESS_KEY = "access-key";
    static final String SECRET_KEY = "secret-key";
    static final String PART_SIZE_MIB = "part-size-mib";
    static final String MAX_ATTEMPTS = "max-attempts";
    static final String ATTEMPT_TIMEOUT_SECONDS = "attempt-timeout-seconds";
    static final String SSE = "server-side-encryption";
    static final String SSE_KMS_KEY_ID = "sse-kms-key-id";
    static final String OBJECT_LOCK_MODE = "object-lock-mode";
    static final String OBJECT_LOCK_DAYS = "object-lock-retain-days";
    static final String CONDITIONAL_WRITES = "conditional-writes";
    static final String SDK_CHECKSUMS = "sdk-checksums";
    static final String TEMP_DIRECTORY = "temp-directory";

    static final int MIN_PART_SIZE_MIB = 5;
    static final int MAX_PART_SIZE_MIB = 512;
    static final int DEFAULT_PART_SIZE_MIB = 8;
    static final int DEFAULT_MAX_ATTEMPTS = 4;
    static final int DEFAULT_ATTEMPT_TIMEOUT_SECONDS = 60;

    final String bucket;
    final String prefix;
    final Optional<URI> endpoint;
    final String region;
    final boolean pathStyle;
    final Optional<String> accessKey;
    final Optional<String> secretKey;
    final long partSize;
    final int maxAttempts;
    final Duration attemptTimeout;
    final Optional<String> serverSideEncryption;
    final Optional<String> kmsKeyId;
    final Optional<String> objectLockMode;
    final int objectLockDays;
    final boolean conditionalWrites;
    final boolean sdkChecksumsWhenSupported;
    final Optional<Path> tempDirectory;
    final Clock clock;

    private S3Settings(ProviderConfig config) {
        bucket = bucket(config.require(BUCKET));
        prefix = prefix(config.get(PREFIX).orElse(""));
        endpoint = config.get(ENDPOINT).filter(v -> !v.isBlank()).map(S3Settings::endpoint);
        region = config.get(REGION).filter(v -> !v.isBlank()).orElse("us-east-1").strip();
        pathStyle = bool(config, PATH_STYLE, endpoint.isPresent());
        accessKey = config.get(ACCESS_KEY).filter(v -> !v.isBlank());
        secretKey = config.get(SECRET_KEY).filter(v -> !v.isBlank());
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new InvalidConfigurationException("settings '" + ACCESS_KEY + "' and '"
                    + SECRET_KEY + "' go together; only one was given (without them the SDK's"
                    + " default credentials chain is used)");
        }
        partSize = number(config, PART_SIZE_MIB, DEFAULT_PART_SIZE_MIB, MIN_PART_SIZE_MIB,
                MAX_PART_SIZE_MIB) * 1024L * 1024L;
        maxAttempts = number(config, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 20);
        attemptTimeout = Duration.ofSeconds(number(config, ATTEMPT_TIMEOUT_SECONDS,
                DEFAULT_ATTEMPT_TIMEOUT_SECONDS, 1, 3600));
        serverSideEncryption = choice(config, SSE, "AES256", "aws:kms", "aws:kms:dsse");
        kmsKeyId = config.get(SSE_KMS_KEY_ID).filter(v -> !v.isBlank()).map(String::strip);
        objectLockMode = choice(config, OBJECT_LOCK_MODE, "GOVERNANCE", "COMPLIANCE");
        objectLockDays = objectLockMode.isPresent()
                ? number(config, OBJECT_LOCK_DAYS, -1, 1, 36_500) : 0;
        conditionalWrites = bool(config, CONDITIONAL_WRITES, true);
        sdkChecksumsWhenSupported = "when-supported".equals(choice(config, SDK_CHECKSUMS,
                "when-supported", "when-required").orElse("when-required"));
        clock = config.clock();
        tempDirectory = config.get(TEMP_DIRECTORY).filter(v -> !v.isBlank()).map(Path::of);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InvalidConfigurationException naming the setting, its value where it is not
     *     secret, and the rule it broke
     */
    static S3Settings from(ProviderConfig config) {
        return new S3Settings(config);
    }

    /** Returns the S3 key of an object key: the prefix, then the key. */
    String objectName(ObjectKey key) {
        return prefix + key.value();
    }

    private static String bucket(String value) {
        String bucket = value.strip();
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new InvalidConfigurationException("setting '" + BUCKET + "' must be an S3"
                    + " bucket name (3 to 63 characters of a-z, 0-9, '.' and '-'), was '"
                    + bucket + "'");
        }
        return bucket;
    }

    private static String prefix(String value) {
        String prefix = value.strip();
        if (prefix.isEmpty()) {
            return "";
        }
        String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        try {
            ObjectKey.of(bare);
        } catch (InvalidObjectKeyException e) {
            throw new InvalidConfigurationException("setting '" + PREFIX + "' must follow the"
                    + " rules of object keys: " + e.getMessage(), e);
        }
        return bare + "/";
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("setting '" + ENDPOINT + "' must be an http"
                    + " or https URL, was '" + value + "': " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw new InvalidConfigurationException("setting '" + ENDPOINT + "' must be an http"
                    + " or https URL with a host and no user info, was '" + uri.getScheme()
                    + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + "'");
        }
        return uri;
    }

    private static boolean bool(ProviderConfig config, String name, boolean otherwise) {
        Optional<String> value = config.get(name).filter(v -> !v.isBlank()).map(String::strip);
        if (value.isEmpty()) {
            return otherwise;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.get().equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidConfigurationException("setting '" + name + "' must be 'true' or"
                + " 'false', was '" + value.get() + "'");
    }

    private static int number(ProviderConfig config, String name, int otherwise, int min,
            int max) {
        Optional<String> value = config.get(name).filter(v -> !v.isBlank()).map(String::strip);
        if (value.isEmpty()) {
            if (otherwise < 0) {
                throw new InvalidConfigurationException("setting '" + name + "' is required"
                        + " when '" + OBJECT_LOCK_MODE + "' is given");
            }
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Falls through to the refusal below, which names the rule.
        }
        throw new InvalidConfigurationException("setting '" + name + "' must be a whole number"
                + " from " + min + " to " + max + ", was '" + value.get() + "'");
    }

    private static Optional<String> choice(ProviderConfig config, String name,
            String... allowed) {
        Optional<String> value = config.get(name).filter(v -> !v.isBlank()).map(String::strip);
        if (value.isEmpty()) {
            return value;
        }
        for (String each : allowed) {
            if (each.equalsIgnoreCase(value.get())) {
                return Optional.of(each);
            }
        }
        throw new InvalidConfigurationException("setting '" + name + "' must be one of "
                + String.join(", ", allowed) + ", was '" + value.get() + "'");
    }

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", endpoint="
                + endpoint.map(URI::toString).orElse("(default)") + ", region=" + region
                + ", path-style=" + pathStyle + ", credentials="
                + (accessKey.isPresent() ? "(given)" : "(default chain)") + "]";
    }
}
