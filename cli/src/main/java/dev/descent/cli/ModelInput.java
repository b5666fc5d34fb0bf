package dev.descent.cli;

import dev.descent.api.DataException;
import dev.descent.data.CsvReader;
import dev.descent.io.ModelFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a CSV for a saved model: its feature columns found by name (so reordered columns work), and
 * its target column when asked; same delimiter and header setting as the model's training data.
 */
final class ModelInput {

    private ModelInput() {
    }

    static CsvReader.Table read(ModelFile model, Path data, boolean withTarget) {
        String delimiter = model.config().getOrDefault("data.delimiter", ",");
        char separator = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
        boolean header = Boolean.parseBoolean(model.config().getOrDefault("data.header", "true"));
        CsvReader reader = new CsvReader(data, separator, header);
        return reader.read(columns -> select(model, data, columns, withTarget), TerminalProgress.forStderr());
    }

    private static CsvReader.Selection select(ModelFile model, Path data, List<String> columns, boolean withTarget) {
        int[] features = new int[model.features().size()];
        for (int i = 0; i < features.length; i++) {
            String name = model.features().get(i);
            features[i] = columns.indexOf(name);
            if (features[i] < 0) {
                throw new DataException(data + " has no column '" + name + "', which the model needs; its columns are: "
                        + String.join(", ", columns) + " (the model reads " + String.join(", ", model.features()) + ")");
            }
        }
        int label = -1;
        if (withTarget) {
            label = columns.indexOf(model.target());
            if (label < 0) {
                throw new DataException(data + " has no target column '" + model.target()
                        + "' to compare the predictions with; its columns are: " + String.join(", ", columns));
            }
        }
        return new CsvReader.Selection(features, label);
    }
}
