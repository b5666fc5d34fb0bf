package dev.descent.train;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The run's randomness: one seed split into independent streams for the data, the parameter
 * initialisation and the shuffling, so that changing how one of them draws (more examples, another
 * model) does not shift the others.
 *
 * <p>Each stream's seed is a SplitMix64 mix of the run seed and the stream's name.
 */
public final class RandomStreams {

    /** The seed of the built-in run. */
    public static final long DEFAULT_SEED = 42;

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The data source's stream, from its beginning. */
    public RandomGenerator data() {
        return stream("data");
    }

    /** The model's initialisation stream, from its beginning. */
    public RandomGenerator initialization() {
        return stream("initialization");
    }

    /** The trainer's shuffling stream, from its beginning. */
    public RandomGenerator shuffling() {
        return stream("shuffling");
    }

    /** A named stream, from its beginning; the same name always gives the same stream. */
    public RandomGenerator stream(String name) {
        return new SplittableRandom(mix(seed ^ mix(name.hashCode())));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
