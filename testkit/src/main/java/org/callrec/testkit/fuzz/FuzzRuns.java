package org.callrec.testkit.fuzz;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a property over inputs drawn from a seeded random source, so that any failure names the
 * seed that replays it. The number of tries is modest by default so the normal build stays fast;
 * the long form raises it: {@code -Dcallrec.fuzz.tries=20000} (and
 * {@code -Dcallrec.fuzz.seed=N} replays a reported failure). Modules whose tests see the testkit
 * share this one; spi and core, which the testkit itself depends on, keep a copy of their own.
 */
public final class FuzzRuns {
    private FuzzRuns() {
    }

    /** A property that may throw; any throwable other than the expected ones fails the run. */
    @FunctionalInterface
    public interface Check<T> {
        /** Checks the property for one input. */
        void check(T input) throws Exception;
    }

    /**
     * Checks a property for {@code normalTries} inputs (or {@code callrec.fuzz.tries}).
     *
     * @throws AssertionError naming the try, the seed and the input when the property fails
     */
    public static <T> void forAll(int normalTries, Function<SplittableRandom, T> inputs,
            Check<T> property) {
        int tries = Integer.getInteger("callrec.fuzz.tries", normalTries);
        long seed = Long.getLong("callrec.fuzz.seed", new SplittableRandom().nextLong());
        for (int i = 0; i < tries; i++) {
            T input = inputs.apply(new SplittableRandom(seed + i));
            try {
                property.check(input);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("property failed on try " + i + " of seed " + seed
                        + " (replay: -Dcallrec.fuzz.seed=" + seed + "); input: "
                        + shown(input), e);
            }
        }
    }

    /** Returns a string of up to {@code max} characters drawn from {@code alphabet}. */
    public static String string(SplittableRandom random, String alphabet, int max) {
        int length = random.nextInt(max + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Returns a string of up to {@code max} arbitrary UTF-16 code units, surrogates included. */
    public static String anyString(SplittableRandom random, int max) {
        int length = random.nextInt(max + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(4);
            text.append((char) (pick == 0 ? random.nextInt(0x10000)
                    : pick == 1 ? random.nextInt(0x20, 0x7f) : random.nextInt(0x100)));
        }
        return text.toString();
    }

    /** Returns up to {@code max} arbitrary bytes. */
    public static byte[] bytes(SplittableRandom random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Returns one of the choices. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String shown(Object input) {
        String text = input instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) input)
                : String.valueOf(input);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
