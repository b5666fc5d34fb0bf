package dev.descent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a table's columns become the model's features, fitted on the training rows and kept with a
 * trained model so that new rows are prepared the same way: missing cells filled (and, where asked,
 * flagged in an indicator feature), and category columns one-hot encoded.
 *
 * <p>The features are, in order: for each column, its value (a number column) or one 0/1 feature per
 * category (a category column, named {@code column=category}); then one 0/1 indicator feature, named
 * {@code column (missing)}, for each column with {@link Column#indicator()}, as scikit-learn's
 * {@code SimpleImputer(add_indicator=True)} appends them.
 *
 * @param columns the input columns, in the order their features come
 */
public record Encoding(List<Column> columns) implements java.io.Serializable {

    /** A number column: read as a number. */
    public static final String NUMBER = "number";
    /** A category column: one-hot encoded. */
    public static final String CATEGORY = "category";

    /**
     * One input column.
     *
     * @param name       the column's name in the table
     * @param type       {@link #NUMBER} or {@link #CATEGORY}
     * @param missing    how a missing cell was handled when fitting: {@code error}, {@code drop}, {@code mean},
     *                   {@code median}, {@code most-frequent} or {@code constant}
     * @param fill       what a missing cell becomes (a number as text, for a number column), or {@code null}
     *                   when a missing cell is an error
     * @param indicator  whether an indicator feature says which rows missed a value
     * @param categories a category column's categories in feature order (from the training rows); empty for
     *                   a number column
     * @param ignoreUnknown whether a category not among {@code categories} becomes all zeros (as
     *                   scikit-learn's {@code handle_unknown='ignore'}) rather than an error
     */
    public record Column(String name, String type, String missing, String fill, boolean indicator,
                         List<String> categories, boolean ignoreUnknown) implements java.io.Serializable {

        public Column {
            Objects.requireNonNull(name, "name");
            if (!NUMBER.equals(type) && !CATEGORY.equals(type)) {
                throw new IllegalArgumentException("column '" + name + "' has the type '" + type + "', not "
                        + NUMBER + " or " + CATEGORY);
            }
            categories = categories == null ? List.of() : List.copyOf(categories);
            if (CATEGORY.equals(type) && categories.isEmpty()) {
                throw new IllegalArgumentException("category column '" + name + "' has no categories");
            }
            if (NUMBER.equals(type) && !categories.isEmpty()) {
                throw new IllegalArgumentException("number column '" + name + "' has categories");
            }
            if (NUMBER.equals(type) && fill != null) {
                double value = Double.parseDouble(fill);   // a number, written so that it reads back exactly
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("column '" + name + "' is filled with " + fill);
                }
            }
        }

        public boolean categorical() {
            return CATEGORY.equals(type);
        }

        /** The fill of a number column as a number; NaN when a missing cell is an error. */
        public double fillNumber() {
            return fill == null ? Double.NaN : Double.parseDouble(fill);
        }

        /** How many features this column gives, besides its indicator: one, or one per category. */
        public int width() {
            return categorical() ? categories.size() : 1;
        }
    }

    public Encoding {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an encoding needs at least one column");
        }
    }

    /** The input columns' names, in order. */
    public List<String> inputs() {
        return columns.stream().map(Column::name).toList();
    }

    /** The names of the features the columns become, in order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            if (column.categorical()) {
                column.categories().forEach(c -> names.add(column.name() + "=" + c));
            } else {
                names.add(column.name());
            }
        }
        for (Column column : columns) {
            if (column.indicator()) {
                names.add(column.name() + " (missing)");
            }
        }
        return names;
    }

    /** The number of features. */
    public int features() {
        int n = 0;
        for (Column column : columns) {
            n += column.width() + (column.indicator() ? 1 : 0);
        }
        return n;
    }

    /**
     * Whether feature {@code j} is a value read as a number (and standardised with the others), rather
     * than a 0/1 category or indicator feature, which is left as it is.
     */
    public boolean[] numberFeatures() {
        boolean[] number = new boolean[features()];
        int j = 0;
        for (Column column : columns) {
            if (!column.categorical()) {
                number[j] = true;
            }
            j += column.width();
        }
        return number;
    }
}
