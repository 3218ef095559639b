package org.callrec.storage.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.callrec.spi.ProviderConfig;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the tests: S3Proxy on its filesystem blobstore, in this JVM, on
 * 127.0.0.1 and a free port, with its objects in a temporary folder. Started once per test run
 * through {@link #shared}, and stopped (its folder removed) when the run ends.
 */
final class S3ApiServer implements AutoCloseable {
    static final String ACCESS_KEY = "callrec-test-access";
    static final String SECRET_KEY = "callrec-test-secret";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    private final Path folder;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ApiServer() throws Exception {
        folder = Files.createTempDirectory("callrec-s3proxy-");
        Properties properties = new Properties();
        properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, folder.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties)
                .credentials("unused", "unused").build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s; state "
                        + proxy.getState());
            }
            Thread.sleep(20);
        }
    }

    /** Returns the server shared by every test of this run, starting it the first time. */
    static S3ApiServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(S3ApiServer.class, type -> {
                    try {
                        return new S3ApiServer();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not start S3Proxy on 127.0.0.1: "
                                + e, e);
                    }
                }, S3ApiServer.class);
    }

    /** Returns the server's port on 127.0.0.1. */
    int port() {
        return proxy.getPort();
    }

    /** Returns the server's endpoint URL. */
    String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Returns the folder the blobstore keeps its buckets in. */
    Path folder() {
        return folder;
    }

    /** Creates a new, empty bucket and returns its name. */
    String newBucket() {
        String bucket = "test-" + BUCKETS.incrementAndGet();
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, bucket);
        return bucket;
    }

    /** Returns the settings of an {@code s3} backend on a bucket of this server. */
    Map<String, String> settings(String bucket, String endpoint) {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3Settings.BUCKET, bucket);
        settings.put(S3Settings.ENDPOINT, endpoint);
        settings.put(S3Settings.ACCESS_KEY, ACCESS_KEY);
        settings.put(S3Settings.SECRET_KEY, SECRET_KEY);
        settings.put(S3Settings.PART_SIZE_MIB, "5");
        // S3Proxy's filesystem store shows each multipart upload in progress as a stub object
        // named by its upload id at the bucket's root; a prefix keeps those out of listings.
        settings.put(S3Settings.PREFIX, "callrec");
        return settings;
    }

    /** Opens an {@code s3} backend through its provider. */
    S3StorageBackend open(Map<String, String> settings) {
        return (S3StorageBackend) new S3StorageProvider()
                .create(ProviderConfig.of(settings, CLOCK));
    }

    /** Returns a plain S3 client on this server, to look behind the backend's back. */
    S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
            context.close();
        } finally {
            try (Stream<Path> all = Files.walk(folder)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
