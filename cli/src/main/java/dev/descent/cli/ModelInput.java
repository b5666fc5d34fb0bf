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
        return reader(model, data).read(columns -> select(model, data, columns, withTarget), TerminalProgress.forStderr());
    }

    /** A reader of {@code data} with the delimiter and header setting of the model's training data. */
    static CsvReader reader(ModelFile model, Path data) {
        String delimiter = model.config().getOrDefault("data.delimiter", ",");
        char separator = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
        boolean header = Boolean.parseBoolean(model.config().getOrDefault("data.header", "true"));
        return new CsvReader(data, separator, header);
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
        List<String> targets = targets(model);
        int[] labels = new int[withTarget ? targets.size() : 0];
        for (int t = 0; t < labels.length; t++) {
            labels[t] = columns.indexOf(targets.get(t));
            if (labels[t] < 0) {
                throw new DataException(data + " has no target column '" + targets.get(t)
                        + "' to compare the predictions with; its columns are: " + String.join(", ", columns));
            }
        }
        return new CsvReader.Selection(features, labels, withTarget && model.isClassification() ? CsvReader.Labels.TEXT
                : CsvReader.Labels.NUMBERS);
    }

    /** The target columns: one, or several (saved joined by commas) for multi-output regression. */
    static List<String> targets(ModelFile model) {
        return model.outputs() > 1 && !model.isClassification() ? List.of(model.target().split(",", -1))
                : List.of(model.target());
    }

    /**
     * The class index of every row's label, in the model's class order; a label the model was not
     * trained on is an error naming it and its line.
     */
    static int[] classIndices(ModelFile model, CsvReader.Table table, Path data) {
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int c = 0; c < model.classes().size(); c++) {
            index.put(model.classes().get(c), c);
        }
        int[] classes = new int[table.rows()];
        for (int i = 0; i < classes.length; i++) {
            Integer c = index.get(table.labelTexts()[i]);
            if (c == null) {
                throw new DataException(data + ":" + table.lines()[i] + ": column '" + model.target() + "' holds the class '"
                        + table.labelTexts()[i] + "', which the model was not trained on (its classes: "
                        + String.join(", ", model.classes()) + "); drop such rows, or train on data that has them");
            }
            classes[i] = c;
        }
        return classes;
    }
}
