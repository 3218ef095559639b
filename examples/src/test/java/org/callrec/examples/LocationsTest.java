package org.callrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationsTest {
    @Test
    void keepsTheEmbeddedDefaultsWhenNothingIsGiven() {
        Locations embedded = Locations.embedded();

        assertEquals(Optional.empty(), embedded.s3Settings());
        assertEquals(Optional.empty(), embedded.catalogueSettings());
    }

    @Test
    void readsTheBucketPrefixAndEndpointOfAnS3Store() {
        Locations locations = new Locations(Optional.of("s3://callrec-recordings/landlord-a"),
                Optional.of("http://127.0.0.1:9000"), Optional.empty(), Optional.empty(),
                Optional.empty());

        Map<String, String> settings = locations.s3Settings().orElseThrow();

        assertEquals(Map.of("bucket", "callrec-recordings", "prefix", "landlord-a",
                "endpoint", "http://127.0.0.1:9000"), settings);
    }

    @Test
    void refusesAStoreThatIsNotAnS3UriNamingIt() {
        Locations locations = new Locations(Optional.of("file:///var/recordings"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, locations::s3Settings);

        assertTrue(refused.getMessage().contains("'file:///var/recordings'"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("s3://BUCKET"), refused.getMessage());
    }

    @Test
    void refusesAnEndpointWithoutAStore() {
        Locations locations = new Locations(Optional.empty(),
                Optional.of("http://127.0.0.1:9000"), Optional.empty(), Optional.empty(),
                Optional.empty());

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, locations::s3Settings);

        assertTrue(refused.getMessage().contains("needs --store"), refused.getMessage());
    }

    @Test
    void passesThePostgresqlCatalogueWithItsCredentialsButNeverShowsThem() {
        Locations locations = new Locations(Optional.empty(), Optional.empty(),
                Optional.of("jdbc:postgresql://127.0.0.1:5433/callrec"), Optional.of("callrec"),
                Optional.of("s3cret-pw"));

        Map<String, String> settings = locations.catalogueSettings().orElseThrow();

        assertEquals(Map.of("url", "jdbc:postgresql://127.0.0.1:5433/callrec",
                "user", "callrec", "password", "s3cret-pw"), settings);
        assertTrue(!locations.toString().contains("s3cret-pw"), locations.toString());
    }
}
