package dev.descent.predict;

import dev.descent.io.ModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Predicting a table too large for one machine where it lives: {@code descent predict --engine NAME}
 * hands the saved model and the table's location to the engine of that name (the Spark engine,
 * found through {@code ServiceLoader}), which reads the rows, predicts and writes the result itself.
 */
public interface DistributedPredictor {

    /** The engine's name, as {@code predict --engine} chooses it: {@code spark}. */
    String engine();

    /**
     * Predicts every row of the table at {@code input} with {@code model}, writing the {@code include}
     * columns and the predictions (the columns {@code descent predict} writes) to {@code output}.
     *
     * @param modelFile where {@code model} was read from, on this machine
     * @param settings  the engine's settings given with {@code --set} (e.g. {@code spark.master})
     * @return how many rows were written
     */
    long predict(Path modelFile, ModelFile model, String input, String output, List<String> include,
                 Map<String, String> settings);
}
