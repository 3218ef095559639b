package org.callrec.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an installation keeps its recordings and its catalogue when not in the embedded defaults:
 * an S3-compatible object store ({@code s3://bucket/prefix}, with an optional endpoint URL) and a
 * catalogue database (a JDBC URL, such as {@code jdbc:postgresql://host:5432/callrec}).
 *
 * @param store the object store URI, or empty for the data folder's {@code recordings/}
 * @param endpoint the S3 API endpoint URL, or empty for AWS
 * @param catalogue the catalogue's JDBC URL, or empty for embedded H2 in the data folder
 * @param catalogueUser the database user, or empty to let the URL or driver say
 * @param cataloguePassword the database password, or empty to let the URL say
 */
public record Locations(Optional<String> store, Optional<String> endpoint,
        Optional<String> catalogue, Optional<String> catalogueUser,
        Optional<String> cataloguePassword) {

    /** Returns the embedded defaults: everything under the data folder. */
    public static Locations embedded() {
        return new Locations(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * Returns the settings of the {@code s3} storage backend, or empty for the embedded default.
     *
     * @throws IllegalArgumentException naming the value when the store is not
     *     {@code s3://bucket/prefix}, or an endpoint is given without a store
     */
    public Optional<Map<String, String>> s3Settings() {
        if (store.isEmpty()) {
            if (endpoint.isPresent()) {
                throw new IllegalArgumentException("--endpoint '" + endpoint.get()
                        + "' needs --store s3://BUCKET/PREFIX");
            }
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(store.get());
        } catch (URISyntaxException e) {
            throw storeRefused(e.getReason());
        }
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
                || uri.getPort() >= 0 || uri.getQuery() != null || uri.getFragment() != null) {
            throw storeRefused("it must be s3://BUCKET or s3://BUCKET/PREFIX");
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("bucket", uri.getHost());
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!prefix.isEmpty()) {
            settings.put("prefix", prefix);
        }
        endpoint.ifPresent(url -> settings.put("endpoint", url));
        return Optional.of(settings);
    }

    private IllegalArgumentException storeRefused(String rule) {
        return new IllegalArgumentException("--store '" + store.orElse("") + "' is refused: "
                + rule);
    }

    /** Returns the settings of the {@code jdbc} catalogue, or empty for the embedded default. */
    public Optional<Map<String, String>> catalogueSettings() {
        if (catalogue.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("url", catalogue.get());
        catalogueUser.ifPresent(user -> settings.put("user", user));
        cataloguePassword.ifPresent(password -> settings.put("password", password));
        return Optional.of(settings);
    }

    @Override
    public String toString() {
        return "Locations[store=" + store.orElse("(data folder)") + ", endpoint="
                + endpoint.orElse("(default)") + ", catalogue="
                + (catalogue.isPresent() ? "(given)" : "(data folder)") + "]";
    }
}
