package dev.descent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a {@link DataSource} gets from the run.
 *
 * @param random          the run's data stream; the only source of randomness a data source may use
 * @param progress        where to report the progress of a long load
 * @param standardization statistics to scale the features with instead of computing them, when the
 *                        run continues a saved model ({@code --resume}); empty otherwise
 * @param task            what the run's loss compares with: numbers or class labels; empty when the
 *                        data source is used on its own. A source that can read its labels either way
 *                        (the {@code csv} source's {@code task = auto}) follows it
 * @param encoding        how to fill and encode the table's columns instead of fitting it, when the run
 *                        continues a saved model or its rows are scored by one; empty otherwise
 */
public record DataContext(RandomGenerator random, LoadingProgress progress, Optional<Standardization> standardization,
                          Optional<Task> task, Optional<Encoding> encoding) {

    public DataContext {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(standardization, "standardization");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(encoding, "encoding");
    }

    public DataContext(RandomGenerator random, LoadingProgress progress, Optional<Standardization> standardization,
                       Optional<Task> task) {
        this(random, progress, standardization, task, Optional.empty());
    }

    public DataContext(RandomGenerator random, LoadingProgress progress, Optional<Standardization> standardization) {
        this(random, progress, standardization, Optional.empty());
    }

    public DataContext(RandomGenerator random) {
        this(random, LoadingProgress.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
