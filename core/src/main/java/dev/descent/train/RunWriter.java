package dev.descent.train;

import java.nio.file.Path;

/**
 * Writes a run as it stands, a {@link TrainingResult} snapshot, as a model file: how a checkpoint
 * callback's {@code event.saveModel(file)} reaches the model-file format, which lives in core.
 * {@link Descent#train(RunComponents, java.util.List, java.util.List)} binds one for its run.
 */
@FunctionalInterface
public interface RunWriter {

    void write(TrainingResult snapshot, Path file);
}
