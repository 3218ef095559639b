package org.callrec.core.providers;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one type, by name: found with {@link ServiceLoader}, registered explicitly,
 * or both.
 *
 * <p>A name claimed by two providers is an error listing every claimant; asking for a name that
 * no provider has is an error naming what was asked for and what is available; a provider that
 * fails to instantiate is an error naming its class. Each discovered provider is logged at INFO
 * with its name, class and jar.
 *
 * @param <P> the provider interface, such as
 *     {@link org.callrec.spi.storage.StorageBackendProvider}
 */
public final class ProviderRegistry<P> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Class<P> type;
    private final Function<P, String> nameOf;
    private final Map<String, P> byName;

    private ProviderRegistry(Class<P> type, Function<P, String> nameOf, Map<String, P> byName) {
        this.type = type;
        this.nameOf = nameOf;
        this.byName = byName;
    }

    /**
     * Discovers every provider of a type on the class path of the given class loader.
     *
     * @param type the provider interface
     * @param nameOf how to read a provider's name, usually {@code P::name}
     * @param loader the class loader to search
     * @throws ProviderException when a provider cannot be instantiated or two claim one name
     */
    public static <P> ProviderRegistry<P> discover(Class<P> type, Function<P, String> nameOf,
            ClassLoader loader) {
        List<P> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<P> provider
                    : ServiceLoader.load(type, loader).stream().toList()) {
                found.add(instantiate(type, provider));
            }
        } catch (ServiceConfigurationError broken) {
            throw new ProviderException("could not read the service declarations for "
                    + type.getName() + ": " + broken.getMessage(), broken);
        }

        ProviderRegistry<P> registry = of(type, nameOf, found);
        registry.byName.values().forEach(p -> LOG.info("found {} '{}': {} from {}",
                type.getSimpleName(), nameOf.apply(p), p.getClass().getName(), location(p)));
        return registry;
    }

    /** Discovers every provider of a type with this class's loader. */
    public static <P> ProviderRegistry<P> discover(Class<P> type, Function<P, String> nameOf) {
        return discover(type, nameOf, ProviderRegistry.class.getClassLoader());
    }

    /**
     * Builds a registry of explicitly given providers, bypassing discovery.
     *
     * @throws ProviderException when two providers claim one name
     */
    public static <P> ProviderRegistry<P> of(Class<P> type, Function<P, String> nameOf,
            List<? extends P> providers) {
        Map<String, List<P>> claims = new TreeMap<>();
        for (P provider : providers) {
            String name = Objects.requireNonNull(nameOf.apply(provider),
                    () -> provider.getClass().getName() + " has a null name");
            claims.computeIfAbsent(name, key -> new ArrayList<>()).add(provider);
        }

        List<String> duplicates = new ArrayList<>();
        claims.forEach((name, claimants) -> {
            if (claimants.size() > 1) {
                duplicates.add("'" + name + "' claimed by " + claimants.stream()
                        .map(p -> p.getClass().getName() + " (" + location(p) + ")").toList());
            }
        });
        if (!duplicates.isEmpty()) {
            throw new ProviderException("each " + type.getSimpleName()
                    + " name must be unique, but " + String.join("; ", duplicates));
        }

        Map<String, P> byName = new LinkedHashMap<>();
        claims.forEach((name, claimants) -> byName.put(name, claimants.get(0)));
        return new ProviderRegistry<>(type, nameOf, Collections.unmodifiableMap(byName));
    }

    /**
     * Returns the provider with the given name.
     *
     * @throws ProviderException naming the name asked for and the names available
     */
    public P get(String name) {
        P provider = byName.get(name);
        if (provider == null) {
            throw new ProviderException("no " + type.getSimpleName() + " named '" + name
                    + "'; available: " + byName.keySet());
        }
        return provider;
    }

    /** Returns the names available, in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Returns a registry with one more provider, refusing a name already taken. */
    public ProviderRegistry<P> with(P provider) {
        List<P> all = new ArrayList<>(byName.values());
        all.add(provider);
        return of(type, nameOf, all);
    }

    private static <P> P instantiate(Class<P> type, ServiceLoader.Provider<P> provider) {
        try {
            return provider.get();
        } catch (ServiceConfigurationError | RuntimeException failed) {
            throw new ProviderException("the " + type.getSimpleName() + " "
                    + provider.type().getName() + " could not be instantiated: "
                    + failed.getMessage(), failed);
        }
    }

    private static String location(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown location"
                : source.getLocation().toString();
    }
}
