package dev.descent.data;

import dev.descent.api.Option;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The options every source of tables shares ({@code csv}, {@code sql}): which columns are the target
 * and the features, the task and its classes, standardisation, the validation split, and how missing
 * cells and category columns are prepared. A table source extends it and reads the table its own way.
 */
public abstract class TableOptions {

    /** What becomes of a missing cell (an empty cell, {@code NA}, SQL {@code NULL}). */
    public enum Missing { ERROR, DROP, MEAN, MEDIAN, MOST_FREQUENT, CONSTANT }

    /** What becomes of a category the training rows do not have. */
    public enum Unknown { ERROR, IGNORE }

    @Option(name = "target", description = "The label column's name (several, for multi-output regression);"
            + " the last column if not set")
    protected String[] target = new String[0];

    @Option(name = "task", description = "regression (numeric targets), classification (class labels), or auto:"
            + " as the loss expects (class labels for cross-entropy, numbers for squared), else classification when"
            + " the target is not numeric")
    protected TableDataset.Task task = TableDataset.Task.AUTO;

    @Option(name = "classes", description = "The class names in the order the model numbers them; sorted if not"
            + " set (numerically when every label is a number)")
    protected String[] classes = new String[0];

    @Option(name = "features", description = "The feature columns' names, in order; every other column if not set."
            + " A column of text is a category column, one-hot encoded")
    protected String[] features = new String[0];

    @Option(name = "standardize", description = "Scale each number feature to mean 0, standard deviation 1 (training"
            + " rows' statistics); one-hot and indicator features stay 0 or 1")
    protected boolean standardize = true;

    @Option(name = "validation-fraction", description = "Fraction of rows held out (seeded) to report a validation loss",
            min = 0, max = 0.9)
    protected double validationFraction = 0;

    @Option(name = "missing", description = "A missing cell (empty, NA, NULL …): error, drop (leave the row out),"
            + " or fill it with the training rows' mean, median or most-frequent value, or a constant (data.fill-value,"
            + " data.fill-category); rows missing their target are left out unless error. Under mean or median a"
            + " category column's missing cells are a category of their own")
    protected Missing missing = Missing.ERROR;

    @Option(name = "missing-per-column", description = "Strategies for single columns, overriding data.missing:"
            + " column:strategy pairs, e.g. LotFrontage:median, Alley:constant")
    protected String[] missingPerColumn = new String[0];

    @Option(name = "fill-value", description = "What the constant strategy fills a number column with")
    protected double fillValue = 0;

    @Option(name = "fill-category", description = "What the constant strategy fills a category column with")
    protected String fillCategory = "missing";

    @Option(name = "missing-indicator", description = "Add a 0/1 feature 'COLUMN (missing)' for each filled column"
            + " that misses values in the training rows (scikit-learn's add_indicator)")
    protected boolean missingIndicator = false;

    @Option(name = "categorical", description = "Columns to one-hot encode even though they hold numbers (codes such"
            + " as 20, 60, 120); columns of text are encoded without being named")
    protected String[] categorical = new String[0];

    @Option(name = "handle-unknown", description = "A category the training rows do not have (in validation, test or"
            + " new rows): error (naming the value and the row), or ignore (all its one-hot features 0)")
    protected Unknown handleUnknown = Unknown.ERROR;

    @Option(name = "max-categories", description = "The most categories a column may have; more is refused (a column"
            + " with a value per row is an identifier, not a category)", min = 2)
    protected int maxCategories = 100;

    /**
     * The table's rows as written, for cross-validation: filled and encoded fold by fold, each fold's
     * statistics from its own training rows ({@link TableDataset#pool}).
     */
    public abstract TableDataset.Pool pool(dev.descent.api.DataContext context);

    /** The options as the table reader takes them. */
    protected TableDataset.Choice choice() {
        String strategy = missing.name().toLowerCase(Locale.ROOT).replace('_', '-');
        TableEncoder.Options encoding = new TableEncoder.Options(strategy, TableEncoder.Options.perColumn(
                missingPerColumn), fillValue, fillCategory, missingIndicator, Set.copyOf(Arrays.asList(categorical)),
                handleUnknown == Unknown.IGNORE, maxCategories);
        return new TableDataset.Choice(target, task, classes, features, standardize, validationFraction, encoding);
    }
}
