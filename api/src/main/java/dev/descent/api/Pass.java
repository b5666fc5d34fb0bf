package dev.descent.api;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a forward pass runs: to <em>train</em> (a training step: dropout drops, with this step's random
 * stream) or to <em>evaluate</em> (everything else: the epoch's loss, validation and test figures,
 * {@code predict}, {@code evaluate}, the service predictor, Spark's executors when they score). A
 * pass is passed down, never stored, so one model can serve evaluation passes from many threads.
 *
 * <p>A training pass's stream is derived from the run's seed and the step's number alone, so a run
 * is bit-reproducible and a resumed run draws what the uninterrupted one would have drawn.
 */
public final class Pass {

    /** Every pass that does not train. */
    public static final Pass EVALUATION = new Pass(false, null);

    private final boolean training;
    private final RandomGenerator random;

    private Pass(boolean training, RandomGenerator random) {
        this.training = training;
        this.random = random;
    }

    /** A training step's pass, drawing from {@code random} (this step's stream). */
    public static Pass training(RandomGenerator random) {
        return new Pass(true, Objects.requireNonNull(random, "random"));
    }

    /** Whether this pass trains: layers such as dropout act only then. */
    public boolean training() {
        return training;
    }

    /**
     * This step's random stream, the only source of randomness a layer may use in a forward pass.
     *
     * @throws IllegalStateException in an evaluation pass, which must not depend on chance
     */
    public RandomGenerator random() {
        if (random == null) {
            throw new IllegalStateException("an evaluation pass has no random stream: use it only while training");
        }
        return random;
    }

    @Override
    public String toString() {
        return training ? "training pass" : "evaluation pass";
    }
}
