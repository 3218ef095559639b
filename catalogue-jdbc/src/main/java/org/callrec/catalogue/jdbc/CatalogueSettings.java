package org.callrec.catalogue.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;

/**
 * The validated settings of a JDBC catalogue. Either {@code url} names a database, or
 * {@code directory} names a folder that holds the embedded H2 database.
 *
 * <p>{@link #toString()} and {@link #loggableUrl()} never show a user name or password.
 */
final class CatalogueSettings {
    static final String URL = "url";
    static final String DIRECTORY = "directory";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String POOL_SIZE = "pool-size";

    /** Small: H2 in file mode serves one process, and the catalogue's writes are short. */
    static final int DEFAULT_POOL_SIZE = 4;
    static final int MAX_POOL_SIZE = 64;

    /** The name of the H2 database inside the {@code directory} folder. */
    static final String EMBEDDED_DATABASE_NAME = "catalogue";

    /**
     * Parameters whose value may be a credential: user names, passwords, keys and tokens, in the
     * {@code ;name=value} form of H2 and the {@code ?name=value&...} form of PostgreSQL.
     */
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "(?i)([;?&][^=;?&]*(?:user|pass|pwd|key|secret|token)[^=;?&]*=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private final Vendor vendor;

    private CatalogueSettings(String url, String user, String password, int poolSize,
            Vendor vendor) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.poolSize = poolSize;
        this.vendor = vendor;
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InvalidConfigurationException naming the setting, its value where it is not secret,
     *     and the rule it broke
     */
    static CatalogueSettings from(ProviderConfig config) {
        String url = blankToNull(config.get(URL).orElse(null));
        String directory = blankToNull(config.get(DIRECTORY).orElse(null));
        if (url == null && directory == null) {
            throw new InvalidConfigurationException("the jdbc catalogue needs setting '" + URL
                    + "' (a JDBC URL) or setting '" + DIRECTORY
                    + "' (a folder for the embedded H2 database); neither was given");
        }
        if (url != null && directory != null) {
            throw new InvalidConfigurationException("the jdbc catalogue takes setting '" + URL
                    + "' or setting '" + DIRECTORY + "', not both; both were given");
        }

        String resolvedUrl = url != null ? url : embeddedUrl(directory);
        Vendor vendor = Vendor.ofUrl(resolvedUrl).orElseThrow(() ->
                new InvalidConfigurationException("setting '" + URL + "' must be a JDBC URL"
                        + " starting with " + Vendor.supportedPrefixes() + ", was '"
                        + redact(resolvedUrl) + "'"));
        String user = blankToNull(config.get(USER).orElse(null));
        String password = config.get(PASSWORD).orElse(null);
        int poolSize = poolSize(config.get(POOL_SIZE).orElse(null));
        return new CatalogueSettings(resolvedUrl, user, password, poolSize, vendor);
    }

    private static String embeddedUrl(String directory) {
        // H2 reads ';' as the start of its settings, so a folder holding one would silently
        // change what database is opened.
        if (directory.indexOf(';') >= 0) {
            throw new InvalidConfigurationException("setting '" + DIRECTORY + "' must not contain"
                    + " ';' (H2 reads it as a setting), was '" + directory + "'");
        }
        Path folder;
        try {
            folder = Path.of(directory).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("setting '" + DIRECTORY + "' must be a"
                    + " folder path, was '" + directory + "': " + e.getReason(), e);
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidConfigurationException("setting '" + DIRECTORY + "' must be a folder,"
                    + " but '" + directory + "' is a file");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidConfigurationException("setting '" + DIRECTORY + "': folder '"
                    + directory + "' does not exist and could not be created: " + e, e);
        }
        // Limitation: H2 in file mode is one process. A second process opening the same folder
        // fails with H2's "database may be already in use", and a write that waits more than
        // H2's default lock timeout (1 s) behind another on the same row fails.
        // WRITE_DELAY=0: H2 otherwise writes a commit to its file up to 500 ms later, so a
        // process killed in that time lost recordings whose store had already returned (found
        // by the kill harness, CrashSafetyTest in examples; CommitDurabilityKillTest loses
        // hundreds in five kills without it). It must be in the URL of every open: H2 2.x sets
        // the delay from the opening URL (500 ms when absent), not from the value it stores.
        // With it, each commit writes its chunk to the file in the committing thread before it
        // returns: no background writer and no write executors run.
        // Limitation: even so, CommitDurabilityKillTest with two writers lost the last few
        // acknowledged commits of a round in 3 of about 140 kills (2 to 11 each); the same
        // test while disposing, closing and compacting lost none in 40. The cause inside H2
        // is not found, so an acknowledged recording can still be lost to a killed process.
        // Limitation: H2 does not force each commit to the disk, so a power cut (not a killed
        // process) can still lose the last commits before the operating system wrote them.
        // QUERY_CACHE_SIZE=64: H2 keeps the parsed and planned statements of a connection, 8 by
        // default; reading a call record takes fifteen, so with 8 each was parsed and planned
        // again on every read, about half the CPU of a subject access lookup.
        return "jdbc:h2:file:" + folder.resolve(EMBEDDED_DATABASE_NAME)
                + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64";
    }

    private static int poolSize(String value) {
        if (value == null) {
            return DEFAULT_POOL_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw poolSizeRefused(value);
        }
        if (size < 1 || size > MAX_POOL_SIZE) {
            throw poolSizeRefused(value);
        }
        return size;
    }

    private static InvalidConfigurationException poolSizeRefused(String value) {
        return new InvalidConfigurationException("setting '" + POOL_SIZE + "' must be a whole"
                + " number from 1 to " + MAX_POOL_SIZE + ", was '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Returns a URL with its user info and credential parameters replaced by {@code ***}. */
    static String redact(String url) {
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll("//***@");
        return CREDENTIAL_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }

    String url() {
        return url;
    }

    /** Returns the JDBC URL without credentials, fit for logs and messages. */
    String loggableUrl() {
        return redact(url);
    }

    /** Returns the user name, or null to let the driver choose. */
    String user() {
        return user;
    }

    /** Returns the password, or null when none was given. */
    String password() {
        return password;
    }

    int poolSize() {
        return poolSize;
    }

    Vendor vendor() {
        return vendor;
    }

    @Override
    public String toString() {
        return "CatalogueSettings[" + loggableUrl() + ", pool-size=" + poolSize + "]";
    }
}
