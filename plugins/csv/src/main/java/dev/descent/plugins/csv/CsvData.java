package dev.descent.plugins.csv;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.data.CsvReader;
import dev.descent.data.TableDataset;
import java.nio.file.Path;

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
        TableDataset.Choice choice = new TableDataset.Choice(target, TableDataset.Task.valueOf(task.name()), classes,
                features, standardize, validationFraction);
        return new TableDataset(path, choice).load(context,
                (choose, scaling) -> reader.read(choose, context.progress(), scaling));
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
