package org.callrec.core.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.callrec.core.FuzzRuns;
import org.callrec.core.YamlMutations;
import org.junit.jupiter.api.Test;

/**
 * Hostile policy files: random YAML-ish text and mutated versions of the shipped policy either
 * load or are refused with a {@link PolicyFileException} naming the file and its problems;
 * nothing else is thrown and nothing hangs. Tries: see {@link FuzzRuns}.
 */
class PolicyLoaderFuzzTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void mutatedShippedPolicyLoadsOrIsRefusedWithProblems() throws IOException {
        String shipped = Files.readString(ShippedPolicyTest.SHIPPED);

        FuzzRuns.forAll(300, random -> YamlMutations.mutate(random, shipped),
                PolicyLoaderFuzzTest::loadsOrIsRefused);
    }

    @Test
    void yamlishTextLoadsOrIsRefusedWithProblems() {
        FuzzRuns.forAll(300, YamlMutations::yamlish, PolicyLoaderFuzzTest::loadsOrIsRefused);
    }

    @Test
    void aliasBombIsRefusedRatherThanExpanded() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char previous = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(previous)
                    .append(", *").append(previous).append(", *").append(previous)
                    .append(", *").append(previous).append(", *").append(previous)
                    .append("]\n");
        }

        PolicyFileException refused = assertThrows(PolicyFileException.class,
                () -> load(bomb.toString()));

        assertFalse(refused.problems().isEmpty());
        assertTrue(refused.getMessage().contains("fuzz-policy.yaml"), refused.getMessage());
    }

    private static void loadsOrIsRefused(String text) {
        try {
            load(text);
        } catch (PolicyFileException refused) {
            assertFalse(refused.problems().isEmpty(), "refused without a problem");
            assertTrue(refused.getMessage().contains("fuzz-policy.yaml"), refused.getMessage());
        }
    }

    private static Policy load(String text) {
        return new PolicyLoader(CLOCK).load(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "fuzz-policy.yaml");
    }
}
