package org.callrec.catalogue.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests, from the Debian package's {@code initdb} and
 * {@code pg_ctl} (under {@code /usr/lib/postgresql/<version>/bin}), in a temporary folder, on
 * 127.0.0.1 and a free port, with its socket in that folder. PostgreSQL refuses to run as root,
 * so under root it runs as the {@code postgres} user through {@code runuser}, on a folder that
 * user owns. Started once per test run through {@link #shared} and stopped when the run ends,
 * whatever the tests' outcome; a server that cannot start fails the tests, naming why.
 */
final class PostgresServer implements AutoCloseable {
    static final String USER = "callrec";
    static final String PASSWORD = "callrec-test-password";

    private static final Path INSTALLS = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final boolean asRoot;
    private final int port;
    private boolean stopped;

    private PostgresServer() throws IOException, InterruptedException {
        bin = binFolder();
        asRoot = "root".equals(System.getProperty("user.name"));
        folder = Files.createTempDirectory("callrec-postgres-");
        data = folder.resolve("data");
        Path socket = folder.resolve("socket");
        Files.createDirectories(socket);
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", UTF_8);
        if (asRoot) {
            run(List.of("chown", "-R", "postgres:postgres", folder.toString()), false);
        }
        port = freePort();
        Thread stopAtExit = new Thread(this::stopQuietly, "postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);

        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8",
                "--no-instructions"), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories="
                        + socket + " -c fsync=off -c synchronous_commit=off"
                        + " -c full_page_writes=off -c max_connections=200", "start"), true);
    }

    /** Returns the server shared by every test of this run, starting it the first time. */
    static PostgresServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresServer.class, type -> {
                    try {
                        return new PostgresServer();
                    } catch (IOException e) {
                        throw new IllegalStateException("could not start PostgreSQL for the"
                                + " catalogue tests: " + e.getMessage(), e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted starting PostgreSQL", e);
                    }
                }, PostgresServer.class);
    }

    private static Path binFolder() throws IOException {
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(INSTALLS)) {
            try (Stream<Path> versions = Files.list(INSTALLS)) {
                newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparing(v -> Integer.parseInt(
                                v.getFileName().toString().replaceAll("\\D", "0"))));
            }
        }
        return newest.map(v -> v.resolve("bin")).orElseThrow(() -> new IOException(
                "PostgreSQL is not installed: no " + INSTALLS + "/<version>/bin/initdb; install"
                        + " it with 'apt-get install -y postgresql' (.ci/run does so under CI)"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void run(List<String> command, boolean asServerUser)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("callrec-postgres-", ".out");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).directory(folder.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command)
                        + "' did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("'" + String.join(" ", command) + "' failed with exit code "
                        + process.exitValue() + ": " + Files.readString(output, UTF_8).strip()
                        + serverLog());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() {
        Path log = folder.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Returns the JDBC URL of a database. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    String newDatabase() {
        String name = "catalogue_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e, e);
        }
        return url(name);
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
                    "immediate", "-w", "stop"), true);
        } finally {
            try (Stream<Path> all = Files.walk(folder)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The JVM is ending; there is nobody left to tell.
        }
    }
}
