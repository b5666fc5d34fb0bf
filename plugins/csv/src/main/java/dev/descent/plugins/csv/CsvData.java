package dev.descent.plugins.csv;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Standardization;
import dev.descent.data.ClassNames;
import dev.descent.data.ColumnStatistics;
import dev.descent.data.CsvReader;
import dev.descent.data.HeldOut;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table from a CSV file: the target column (or several, for multi-output regression) holds the
 * labels, the others (or a chosen few) are the features. A target of class names (or
 * {@code task = classification}) makes a classification data set, its classes sorted or as
 * {@code classes} lists them. Features are standardised with the training rows' statistics by default, because raw
 * features of very different scales make SGD diverge; a seeded fraction of rows can be held out for
 * validation.
 */
@AutoService(DataSource.class)
@Plugin(name = "csv", description = "A table from a CSV file: numeric features, a target column of numbers or"
        + " class names")
public final class CsvData implements DataSource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvData.class);

    @Option(name = "path", description = "The CSV file (required); on Spark (engine = spark) any path Spark reads:"
            + " file:, hdfs:, s3a:, a folder of CSV files")
    private String path;

    @Option(name = "target", description = "The label column's name (several, for multi-output regression);"
            + " the last column if not set")
    private String[] target = new String[0];

    @Option(name = "task", description = "regression (numeric targets), classification (class labels), or auto:"
            + " as the loss expects (class labels for cross-entropy, numbers for squared), or classes when data.classes"
            + " is set")
    private Task task = Task.AUTO;

    @Option(name = "classes", description = "The class names in the order the model numbers them; sorted if not"
            + " set (numerically when every label is a number)")
    private String[] classes = new String[0];

    @Option(name = "features", description = "The feature columns' names, in order; every other column if not set")
    private String[] features = new String[0];

    @Option(name = "delimiter", description = "The field separator: one character, or 'tab'")
    private String delimiter = ",";

    @Option(name = "header", description = "Whether the first line names the columns")
    private boolean header = true;

    @Option(name = "standardize", description = "Scale each feature to mean 0, standard deviation 1 (training rows' statistics)")
    private boolean standardize = true;

    @Option(name = "validation-fraction", description = "Fraction of rows held out (seeded) to report a validation loss",
            min = 0, max = 0.9)
    private double validationFraction = 0;

    /** How the target column is read. */
    public enum Task { AUTO, REGRESSION, CLASSIFICATION }

    @Override
    public Dataset load(DataContext context) {
        if (path == null) {
            throw new DataException("the csv data source needs a file: set data.path, e.g. data.path = houses.csv");
        }
        CsvReader reader = new CsvReader(localFile(), delimiterChar(), header);
        List<String> featureNames = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        // auto follows the run's loss when there is one: class labels for a classification loss, numbers
        // (every cell checked) for a regression loss; on its own it reads numbers unless a cell is not one.
        Task effective = task != Task.AUTO || context.task().isEmpty() ? task
                : context.task().get() == dev.descent.api.Task.CLASSIFICATION ? Task.CLASSIFICATION : Task.REGRESSION;
        boolean classify = effective == Task.CLASSIFICATION || classes.length > 0;
        if (task == Task.REGRESSION && classes.length > 0) {
            throw new DataException("data.task = regression, but data.classes is set; classes are for classification:"
                    + " drop data.classes or set data.task = classification");
        }
        CsvReader.Labels mode = classify ? CsvReader.Labels.TEXT
                : effective == Task.AUTO ? CsvReader.Labels.NUMBERS_UNLESS_TEXT : CsvReader.Labels.NUMBERS;
        // Cells are parsed exactly and rounded to float only after the shift standardisation needs: a
        // resumed run's saved statistics, or else each column's first value (the statistics come later,
        // from the training rows only), so that adding a constant to a feature changes nothing.
        java.util.Optional<Standardization> saved = standardize ? context.standardization() : java.util.Optional.empty();
        CsvReader.Scaling scaling = !standardize ? CsvReader.Scaling.RAW : saved.isPresent()
                ? CsvReader.Scaling.standardized(saved.get().mean(), saved.get().std()) : CsvReader.Scaling.CENTERED;
        CsvReader.Table table;
        try {
            table = reader.read(columns -> choose(columns, featureNames, labelNames, mode, saved), context.progress(),
                    scaling);
        } catch (CsvReader.TextLabelsFound found) {
            LOG.debug("{}: the target is not numeric, so the task is classification", found.where());
            featureNames.clear();
            labelNames.clear();
            classify = true;
            table = reader.read(columns -> choose(columns, featureNames, labelNames, CsvReader.Labels.TEXT, saved),
                    context.progress(), scaling);
        }
        Labels labels = classify ? classLabels(table, labelNames.get(0))
                : new Labels(table.labels(), List.of());

        int n = table.rows();
        int d = featureNames.size();
        int validationRows = (int) Math.floor(n * validationFraction);
        if (validationFraction > 0 && (validationRows == 0 || validationRows == n)) {
            throw new DataException("data.validation-fraction = " + validationFraction + " of " + n + " rows leaves "
                    + (validationRows == 0 ? "no validation rows" : "no training rows") + "; use more data or another fraction");
        }
        int[] order = HeldOut.order(n, validationRows, context.random());
        Dataset train = subset(table, labels, order, validationRows, n, featureNames, labelNames);
        Standardization statistics = null;
        Standardization ofCentered = null;   // the training rows' statistics of the centred values
        if (standardize) {
            if (saved.isPresent()) {
                statistics = saved.get();   // applied by the reader
            } else {
                ofCentered = statisticsOf(train, featureNames, table.offsets());
                ofCentered.apply(train.featureMatrix(), train.examples());
                double[] mean = ofCentered.mean().clone();
                for (int j = 0; j < d; j++) {
                    mean[j] += table.offsets()[j];
                }
                statistics = new Standardization(mean, ofCentered.std());
            }
            train.withStandardization(statistics);
        }
        if (validationRows > 0) {
            Dataset validation = subset(table, labels, order, 0, validationRows, featureNames, labelNames);
            if (statistics != null) {
                if (ofCentered != null) {
                    ofCentered.apply(validation.featureMatrix(), validation.examples());
                }
                validation.withStandardization(statistics);
            }
            train.withValidation(validation);
        }
        return train;
    }

    /** The labels as numbers: targets, or class indices into {@code classes}. */
    private record Labels(float[] values, List<String> classes) {
    }

    /**
     * The class of every row as an index into the classes: data.classes in its order, else every label
     * found, sorted (numerically when all are numbers, else by code point).
     */
    private Labels classLabels(CsvReader.Table table, String column) {
        String[] texts = table.labelTexts();
        // Numeric labels are compared as numbers: 1 and 1.0 are one class (data.classes too, when numeric).
        java.util.Set<String> found = new LinkedHashSet<>(Arrays.asList(texts));
        if (ClassNames.allNumbers(found) && (classes.length == 0 || ClassNames.allNumbers(List.of(classes)))) {
            texts = texts.clone();
            for (int i = 0; i < texts.length; i++) {
                texts[i] = ClassNames.canonical(texts[i]);
            }
        }
        List<String> names;
        if (classes.length > 0) {
            names = ClassNames.allNumbers(List.of(classes)) && ClassNames.allNumbers(found)
                    ? Arrays.stream(classes).map(ClassNames::canonical).toList() : List.of(classes);
            if (new LinkedHashSet<>(names).size() != names.size()) {
                throw new DataException("data.classes names a class twice: " + String.join(", ", names));
            }
        } else {
            names = ClassNames.sorted(new LinkedHashSet<>(Arrays.asList(texts)));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
        float[] values = new float[texts.length];
        for (int i = 0; i < texts.length; i++) {
            Integer c = index.get(texts[i]);
            if (c == null) {
                throw new DataException(path + ":" + table.lines()[i] + ": column '" + column + "' holds the class '"
                        + texts[i] + "', which is not one of data.classes (" + String.join(", ", names)
                        + "); add it there or drop the row");
            }
            values[i] = c;
        }
        if (names.size() < 2) {
            throw new DataException(path + ": column '" + column + "' holds only the class '" + names.get(0)
                    + "'; classification needs at least two classes");
        }
        return new Labels(values, names);
    }

    private CsvReader.Selection choose(List<String> columns, List<String> featureNames, List<String> labelNames,
                                       CsvReader.Labels mode, java.util.Optional<Standardization> saved) {
        CsvReader.Selection selection = choose(columns, featureNames, labelNames, mode);
        if (saved.isPresent() && saved.get().features() != featureNames.size()) {   // a resumed model's, for other data
            throw new DataException("the saved model's standardization is for " + saved.get().features()
                    + " feature(s), but " + path + " has " + featureNames.size() + " feature column(s) ("
                    + abbreviated(featureNames) + "); resume on data with the model's features, or train a new model"
                    + " without --resume");
        }
        return selection;
    }

    private CsvReader.Selection choose(List<String> columns, List<String> featureNames, List<String> labelNames,
                                       CsvReader.Labels mode) {
        List<String> targets = target.length == 0 ? List.of(columns.get(columns.size() - 1)) : List.of(target);
        int[] labelColumns = new int[targets.size()];
        for (int t = 0; t < labelColumns.length; t++) {
            labelColumns[t] = columns.indexOf(targets.get(t));
            if (labelColumns[t] < 0) {
                throw new DataException("data.target = '" + targets.get(t) + "' is not a column of " + path
                        + "; its columns are: " + String.join(", ", columns));
            }
            if (targets.indexOf(targets.get(t)) != t) {
                throw new DataException("data.target names '" + targets.get(t) + "' twice");
            }
        }
        if (labelColumns.length > 1 && mode == CsvReader.Labels.TEXT) {
            throw new DataException("data.target names " + labelColumns.length + " columns (" + String.join(", ",
                    targets) + "), but classification has one class column; name one, or set data.task = regression");
        }
        List<Integer> chosen = new ArrayList<>();
        if (features.length == 0) {
            for (int c = 0; c < columns.size(); c++) {
                if (!targets.contains(columns.get(c))) {
                    chosen.add(c);
                }
            }
        } else {
            for (String name : features) {
                int c = columns.indexOf(name);
                if (c < 0) {
                    throw new DataException("data.features names '" + name + "', which is not a column of " + path
                            + "; its columns are: " + String.join(", ", columns));
                }
                if (targets.contains(name)) {
                    throw new DataException("data.features names '" + name + "', which is a label column (data.target);"
                            + " a column cannot be both");
                }
                if (chosen.contains(c)) {
                    throw new DataException("data.features names '" + name + "' twice");
                }
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new DataException(path + " has no feature columns besides the label " + String.join(", ", targets));
        }
        chosen.forEach(c -> featureNames.add(columns.get(c)));
        labelNames.addAll(targets);
        return new CsvReader.Selection(chosen.stream().mapToInt(Integer::intValue).toArray(), labelColumns, mode);
    }

    private static Dataset subset(CsvReader.Table table, Labels labels, int[] order, int from, int to,
                                  List<String> names, List<String> labelNames) {
        int rows = to - from;
        int d = names.size();
        int k = labelNames.size();
        if (from == 0 && rows == table.rows()) {
            return new Dataset(table.features(), labels.values(), names, labelNames, labels.classes(), Map.of());
        }
        float[] x = new float[rows * d];
        float[] y = new float[rows * k];
        for (int i = 0; i < rows; i++) {
            int r = order[from + i];
            System.arraycopy(table.features(), r * d, x, i * d, d);
            System.arraycopy(labels.values(), r * k, y, i * k, k);
        }
        return new Dataset(x, y, names, labelNames, labels.classes(), Map.of());
    }

    /** The statistics of the values as stored; {@code offsets} (added back for messages) is what was subtracted. */
    private Standardization statisticsOf(Dataset data, List<String> names, double[] offsets) {
        Standardization statistics = ColumnStatistics.of(data.featureMatrix(), data.examples(),
                data.features());
        for (int j = 0; j < data.features(); j++) {
            if (ColumnStatistics.isConstant(statistics, j)) {
                throw new DataException("column '" + names.get(j) + "' of " + path + " is constant (every training row holds "
                        + (statistics.mean()[j] + offsets[j]) + "), so it cannot be standardised and says nothing to the"
                        + " model; drop it (data.features) or set data.standardize = false");
            }
        }
        return statistics;
    }

    /** data.path as a file of this machine; a URI of another file system is for the Spark engine. */
    private Path localFile() {
        if (path.isBlank()) {
            throw new DataException("data.path is empty; set it to a CSV file, e.g. data.path = houses.csv");
        }
        if (path.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !path.startsWith("file:")) {
            throw new DataException("data.path = " + path + " is not a file of this machine; a path on "
                    + path.substring(0, path.indexOf(':')) + ": is read by Spark's executors (engine = spark, with the"
                    + " descent-spark launcher), or copy the file here");
        }
        try {
            return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
        } catch (IllegalArgumentException e) {
            throw new DataException("data.path = " + path + " is not a valid file path: " + e.getMessage());
        }
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 4)) + ", … " + names.get(names.size() - 1);
    }

    private char delimiterChar() {
        if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
            return '\t';
        }
        if (delimiter.length() != 1) {
            throw new DataException("data.delimiter = '" + delimiter + "' must be one character (or 'tab')");
        }
        return delimiter.charAt(0);
    }
}
