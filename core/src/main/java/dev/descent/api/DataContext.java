package dev.descent.api;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a {@link DataSource} gets from the run.
 *
 * @param random the run's data stream; the only source of randomness a data source may use
 */
public record DataContext(RandomGenerator random) {

    public DataContext {
        Objects.requireNonNull(random, "random");
    }
}
