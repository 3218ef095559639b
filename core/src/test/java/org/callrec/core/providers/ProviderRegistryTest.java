package org.callrec.core.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
    interface Named {
        String name();
    }

    static final class First implements Named {
        @Override
        public String name() {
            return "fs";
        }
    }

    static final class Second implements Named {
        @Override
        public String name() {
            return "fs";
        }
    }

    static final class Third implements Named {
        @Override
        public String name() {
            return "s3";
        }
    }

    /** Declared in this module's test services file, with a provider that cannot start. */
    public interface Fragile {
        String name();
    }

    /** A provider whose constructor fails. */
    public static final class Exploding implements Fragile {
        public Exploding() {
            throw new IllegalStateException("no licence");
        }

        @Override
        public String name() {
            return "exploding";
        }
    }

    @Test
    void namesTheClassOfAProviderThatFailsToInstantiate() {
        ProviderException error = assertThrows(ProviderException.class,
                () -> ProviderRegistry.discover(Fragile.class, Fragile::name));

        assertTrue(error.getMessage().contains(Exploding.class.getName()), error.getMessage());
        assertTrue(error.getMessage().contains("could not be instantiated"));
    }

    @Test
    void findsAnExplicitlyRegisteredProviderByName() {
        Third s3 = new Third();
        ProviderRegistry<Named> registry = ProviderRegistry.of(Named.class, Named::name,
                List.of(new First(), s3));

        assertSame(s3, registry.get("s3"));
        assertEquals(List.of("fs", "s3"), registry.names());
    }

    @Test
    void refusesADuplicateNameListingEveryClaimant() {
        ProviderException error = assertThrows(ProviderException.class,
                () -> ProviderRegistry.of(Named.class, Named::name,
                        List.of(new First(), new Second())));

        assertTrue(error.getMessage().contains("'fs' claimed by"), error.getMessage());
        assertTrue(error.getMessage().contains(First.class.getName()));
        assertTrue(error.getMessage().contains(Second.class.getName()));
    }

    @Test
    void namesWhatWasAskedForAndWhatIsAvailable() {
        ProviderRegistry<Named> registry = ProviderRegistry.of(Named.class, Named::name,
                List.of(new First()));

        ProviderException error = assertThrows(ProviderException.class,
                () -> registry.get("azure"));

        assertTrue(error.getMessage().contains("'azure'"));
        assertTrue(error.getMessage().contains("available: [fs]"));
    }

    @Test
    void refusesAddingAProviderWhoseNameIsTaken() {
        ProviderRegistry<Named> registry = ProviderRegistry.of(Named.class, Named::name,
                List.of(new First()));

        assertThrows(ProviderException.class, () -> registry.with(new Second()));
        assertEquals(List.of("fs", "s3"), registry.with(new Third()).names());
    }

    @Test
    void discoversNothingWhenNoServiceIsDeclared() {
        ProviderRegistry<Named> registry = ProviderRegistry.discover(Named.class, Named::name);

        assertEquals(List.of(), registry.names());
    }
}
