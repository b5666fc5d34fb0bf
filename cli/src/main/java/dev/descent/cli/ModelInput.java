package dev.descent.cli;

import dev.descent.api.DataException;
import dev.descent.api.Encoding;
import dev.descent.data.CsvReader;
import dev.descent.data.RawColumns;
import dev.descent.data.TableEncoder;
import dev.descent.io.ModelFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV for a saved model: its feature columns found by name (so reordered columns work), and
 * its target column when asked; same delimiter and header setting as the model's training data.
 */
final class ModelInput {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelInput.class);

    private ModelInput() {
    }

    /**
     * The rows for the model: standardised with the model's statistics in double as they are read (a
     * feature far from zero against its spread keeps its digits); raw for a model of raw features.
     * Predict them with {@link dev.descent.predict.Predictor#predictStandardized}.
     */
    static CsvReader.Table read(ModelFile model, Path data, boolean withTarget) {
        CsvReader.Scaling scaling = model.standardization() == null ? CsvReader.Scaling.RAW
                : CsvReader.Scaling.standardized(model.standardization().mean(), model.standardization().std());
        if (model.encoding() != null) {
            return encoded(model, data, withTarget, scaling);
        }
        return reader(model, data).read(columns -> select(model, data, columns, withTarget), TerminalProgress.forStderr(),
                scaling);
    }

    /** The rows as written (rounded to float), for figures in the data's units. */
    static CsvReader.Table readRaw(ModelFile model, Path data, boolean withTarget) {
        if (model.encoding() != null) {
            return encoded(model, data, withTarget, CsvReader.Scaling.RAW);
        }
        return reader(model, data).read(columns -> select(model, data, columns, withTarget), TerminalProgress.forStderr());
    }

    /**
     * The rows of a model whose features are a table's columns filled and one-hot encoded: its input
     * columns read as written, then prepared with the saved encoding (fills, categories) as in training.
     */
    private static CsvReader.Table encoded(ModelFile model, Path data, boolean withTarget, CsvReader.Scaling scaling) {
        Encoding encoding = model.encoding();
        Set<String> text = new HashSet<>();
        encoding.columns().stream().filter(Encoding.Column::categorical).forEach(c -> text.add(c.name()));
        // A cell of text in one of the model's number columns is refused by the encoding, naming it.
        RawColumns raw = reader(model, data).readColumns(columns -> select(data, encoding.inputs(), model, columns,
                withTarget), TerminalProgress.forStderr(), text);
        int[] rows;
        if (withTarget) {   // scored as in training: rows missing their target (or a dropped column's value) left out
            Set<String> dropColumns = new HashSet<>();
            encoding.columns().stream().filter(c -> c.missing().equals("drop")).forEach(c -> dropColumns.add(c.name()));
            boolean dropTargets = encoding.columns().stream().anyMatch(c -> !c.missing().equals("error"));
            rows = TableEncoder.keptRows(raw, dropColumns, dropTargets, line -> data + ":" + line);
            if (rows.length < raw.rows()) {
                LOG.info("{}: left out {} of {} rows that miss their target{}, as training did", data,
                        raw.rows() - rows.length, raw.rows(), dropColumns.isEmpty() ? "" : " or a value of "
                        + String.join(", ", dropColumns));
            }
            if (rows.length == 0) {
                throw new DataException(data + ": every row misses its target or a value the model needs; there is"
                        + " nothing to compare the predictions with");
            }
        } else {
            rows = new int[raw.rows()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
        }
        return TableEncoder.encode(encoding, raw, rows, scaling, line -> data + ":" + line, true);
    }

    /** A reader of {@code data} with the delimiter and header setting of the model's training data. */
    static CsvReader reader(ModelFile model, Path data) {
        String delimiter = model.config().getOrDefault("data.delimiter", ",");
        char separator = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
        boolean header = Boolean.parseBoolean(model.config().getOrDefault("data.header", "true"));
        return new CsvReader(data, separator, header);
    }

    private static CsvReader.Selection select(ModelFile model, Path data, List<String> columns, boolean withTarget) {
        return select(data, model.features(), model, columns, withTarget);
    }

    /** The columns {@code inputs} (the model's features, or its encoding's input columns) and the targets. */
    private static CsvReader.Selection select(Path data, List<String> inputs, ModelFile model, List<String> columns,
                                              boolean withTarget) {
        int[] features = new int[inputs.size()];
        for (int i = 0; i < features.length; i++) {
            String name = inputs.get(i);
            features[i] = columns.indexOf(name);
            if (features[i] < 0) {
                throw new DataException(data + " has no column '" + name + "', which the model needs; its columns are: "
                        + String.join(", ", columns) + " (the model reads " + String.join(", ", inputs) + ")");
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

    /**
     * Refuses outputs that are not finite (a row like {@code 3e38,1,2}, a model whose weights or
     * standard deviations overflow float arithmetic): one line naming the first such row, its file and
     * line, and the feature furthest from the training data, instead of {@code Infinity} with exit 0.
     *
     * @param outputs {@code rows × outputs} values, as the model computed them
     */
    static void requireFinite(float[] outputs, ModelFile model, CsvReader.Table table, Path data) {
        int rows = table.rows();
        int k = rows == 0 ? 1 : outputs.length / rows;
        for (int i = 0; i < outputs.length; i++) {
            if (!Float.isFinite(outputs[i])) {
                int row = i / k;
                throw new DataException(data + ":" + table.lines()[row] + ": the model's output for this row is "
                        + outputs[i] + ", not a finite number: " + furthest(model, table, row)
                        + "; fix or drop the row (or retrain the model if every row fails)");
            }
        }
    }

    /**
     * A loss that overflowed float arithmetic: one line naming the row with the largest error (or
     * the largest output, without targets) instead of {@code Infinity} and {@code R² -Infinity}.
     */
    static void refuseOverflow(double loss, String lossName, float[] outputs, float[] targets, ModelFile model,
                               CsvReader.Table table, Path data) {
        int k = Math.max(1, outputs.length / Math.max(1, table.rows()));
        int worst = 0;
        double size = -1;
        for (int i = 0; i < outputs.length; i++) {
            double e = Math.abs(targets == null ? outputs[i] : (double) outputs[i] - targets[i]);
            if (e > size) {
                size = e;
                worst = i;
            }
        }
        int row = worst / k;
        throw new DataException(data + ":" + table.lines()[row] + ": the loss '" + lossName + "' is " + loss
                + ", too large for float arithmetic: this row's output is " + outputs[worst]
                + (targets == null ? "" : " against the target " + targets[worst]) + ", and " + furthest(model, table, row)
                + "; fix or drop the row");
    }

    /** The feature of {@code row} furthest from the training data, in standard deviations, as words. */
    private static String furthest(ModelFile model, CsvReader.Table table, int row) {
        int d = model.features().size();
        int worst = 0;
        double worstScore = -1;
        for (int j = 0; j < d; j++) {
            double z = Math.abs(table.features()[row * d + j]);   // read standardised, or raw for a raw model
            if (!(z <= worstScore)) {   // NaN and infinity count as furthest
                worst = j;
                worstScore = z;
            }
        }
        double value = model.standardization() == null ? table.features()[row * d + worst]
                : table.features()[row * d + worst] * model.standardization().std()[worst]
                + model.standardization().mean()[worst];
        String unit = model.standardization() == null ? "" : String.format(java.util.Locale.ROOT,
                ", %.3g standard deviations from its training mean", worstScore);
        return "its feature '" + model.features().get(worst) + "' is " + String.format(java.util.Locale.ROOT, "%.6g",
                value) + unit
                + (worstScore < 1e6 ? " (the model's parameters are too large for float arithmetic on it)" : "");
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
        boolean numeric = dev.descent.data.ClassNames.allNumbers(model.classes());
        for (int i = 0; i < classes.length; i++) {
            Integer c = index.get(table.labelTexts()[i]);
            if (c == null && numeric) {   // 1.0 in the data is the model's class 1
                String label = dev.descent.data.ClassNames.canonical(table.labelTexts()[i]);
                for (int k = 0; k < model.classes().size() && c == null; k++) {
                    if (dev.descent.data.ClassNames.canonical(model.classes().get(k)).equals(label)) {
                        c = k;
                    }
                }
            }
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
