package dev.descent.spark;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.util.List;

/**
 * A Parquet table (a file or a folder of parts, on any file system Spark reads), read by the
 * executors of the {@code spark} engine: numeric feature columns and a target column chosen by
 * name, standardised with statistics from one distributed pass, a seeded share of rows held out.
 */
@AutoService(DataSource.class)
@Plugin(name = "parquet", description = "A Parquet table read by Spark's executors (engine = spark): numeric"
        + " features, a target of numbers or class names")
public final class ParquetData implements DataSource {

    @Option(name = "path", description = "The Parquet file or folder (required): file:, hdfs:, s3a:, or a local path")
    private String path;

    @Option(name = "target", description = "The label column's name (several, for multi-output regression);"
            + " the last column if not set")
    private String[] target = new String[0];

    @Option(name = "features", description = "The feature columns' names, in order; every other column if not set")
    private String[] features = new String[0];

    @Option(name = "task", description = "regression, classification, or auto: as the loss expects")
    private Task task = Task.AUTO;

    @Option(name = "classes", description = "The class names in the order the model numbers them; sorted if not set")
    private String[] classes = new String[0];

    @Option(name = "standardize", description = "Scale each feature to mean 0, standard deviation 1 (training rows'"
            + " statistics)")
    private boolean standardize = true;

    @Option(name = "validation-fraction", description = "Fraction of rows held out (seeded, per row) to report a"
            + " validation loss", min = 0, max = 0.9)
    private double validationFraction = 0;

    /** How the target column is read. */
    public enum Task { AUTO, REGRESSION, CLASSIFICATION }

    @Override
    public Dataset load(DataContext context) {
        throw new DataException("data = parquet is read by Spark's executors: set engine = spark (with spark.master ="
                + " local[*] it runs on this machine), or convert the table to CSV for data = csv");
    }

    Table table() {
        if (path == null || path.isBlank()) {
            throw new DataException("the parquet data source needs a table: set data.path, e.g. data.path ="
                    + " hdfs:///data/houses.parquet");
        }
        if (task == Task.REGRESSION && classes.length > 0) {
            throw new DataException("data.task = regression, but data.classes is set; classes are for classification:"
                    + " drop data.classes or set data.task = classification");
        }
        return new Table("parquet", path, true, ',', List.of(target), List.of(features),
                task.name().toLowerCase(java.util.Locale.ROOT), List.of(classes), standardize, validationFraction);
    }
}
