package dev.descent.train;

import dev.descent.api.Outputs;
import java.nio.file.Path;

/**
 * Writes a run as it stands, a {@link TrainingResult} snapshot, as a model file: how a checkpoint
 * callback's {@code event.saveModel(file)} reaches the model-file format, which lives in core.
 * {@link Descent#train(RunComponents, java.util.List, java.util.List)} binds one for its run.
 */
@FunctionalInterface
public interface RunWriter {

    /** Writes through {@code outputs}: checked against the run's inputs, atomic. */
    void write(TrainingResult snapshot, Path file, Outputs outputs);
}
