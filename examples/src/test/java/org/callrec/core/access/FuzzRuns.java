package org.callrec.core.access;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a property over inputs drawn from a seeded random source, so that any failure names the
 * seed that replays it. The number of tries is modest by default so the normal build stays fast;
 * the long form raises it: {@code -Dcallrec.fuzz.tries=20000} (and
 * {@code -Dcallrec.fuzz.seed=N} replays a reported failure). The same convention as the
 * {@code FuzzRuns} of the other modules, which keep their test classes to themselves.
 */
final class FuzzRuns {
    private FuzzRuns() {
    }

    /** A property that may throw; any throwable fails the run. */
    @FunctionalInterface
    interface Check<T> {
        /** Checks the property for one input. */
        void check(T input) throws Exception;
    }

    /**
     * Checks a property for {@code normalTries} inputs (or {@code callrec.fuzz.tries}).
     *
     * @return the number of tries run
     * @throws AssertionError naming the try, the seed and the input when the property fails
     */
    static <T> int forAll(int normalTries, Function<SplittableRandom, T> inputs,
            Check<T> property) {
        int tries = Integer.getInteger("callrec.fuzz.tries", normalTries);
        long seed = Long.getLong("callrec.fuzz.seed", new SplittableRandom().nextLong());
        for (int i = 0; i < tries; i++) {
            T input = inputs.apply(new SplittableRandom(seed + i));
            try {
                property.check(input);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("property failed on try " + i + " of seed " + seed
                        + " (replay: -Dcallrec.fuzz.seed=" + seed + "); input: " + input, e);
            }
        }
        return tries;
    }

    /** Returns one of the choices. */
    @SafeVarargs
    static <T> T oneOf(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
