package dev.descent.data;

import dev.descent.api.DataException;
import dev.descent.api.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Fills missing cells and one-hot encodes category columns, as scikit-learn's {@code SimpleImputer}
 * and {@code OneHotEncoder} do: {@link #fit fitted} on the training rows only, then {@link #encode
 * applied} to any rows (training, validation, test, or new rows a saved model predicts).
 *
 * <p>The statistics: {@code mean} and {@code median} of a number column's present training values
 * (the median of an even count is the mean of the two middle ones), {@code most-frequent} the most
 * frequent value (the smallest of equally frequent ones, as scikit-learn picks), {@code constant} the
 * configured value. A category column's categories are its training values after filling, sorted
 * (numerically when every one is a number, as {@link ClassNames} sorts classes).
 */
public final class TableEncoder {

    /** The strategies of {@code data.missing}. */
    public static final List<String> STRATEGIES = List.of("error", "drop", "mean", "median", "most-frequent",
            "constant");

    /**
     * The user's choice, as the {@code data.*} options say it.
     *
     * @param missing          the strategy for every column without one of its own
     * @param missingPerColumn strategies by column name
     * @param fillValue        what {@code constant} fills a number column with
     * @param fillCategory     what {@code constant} fills a category column with
     * @param indicator        whether a column with missing training cells gets an indicator feature
     * @param categorical      columns read as categories even when they hold numbers
     * @param ignoreUnknown    whether an unknown category becomes all zeros rather than an error
     * @param maxCategories    the most categories a column may have
     */
    public record Options(String missing, Map<String, String> missingPerColumn, double fillValue, String fillCategory,
                          boolean indicator, Set<String> categorical, boolean ignoreUnknown, int maxCategories) {

        /** Nothing filled, nothing declared: a missing cell is an error, text columns are categories. */
        public static final Options NONE = new Options("error", Map.of(), 0, "missing", false, Set.of(), false, 100);

        public Options {
            missingPerColumn = Map.copyOf(missingPerColumn);
            categorical = Set.copyOf(categorical);
        }

        /** Whether the table must be read column by column: something is filled, dropped or declared a category. */
        public boolean needsColumns() {
            return !missing.equals("error") || !missingPerColumn.isEmpty() || !categorical.isEmpty();
        }

        /** The strategy for {@code column}. */
        public String strategy(String column) {
            return missingPerColumn.getOrDefault(column, missing);
        }

        /**
         * {@code data.missing-per-column}'s {@code column:strategy} pairs as a map, each checked.
         *
         * @throws DataException naming a pair without a colon or with an unknown strategy
         */
        public static Map<String, String> perColumn(String[] pairs) {
            Map<String, String> strategies = new LinkedHashMap<>();
            for (String pair : pairs) {
                int colon = pair.lastIndexOf(':');
                if (colon <= 0) {
                    throw new DataException("data.missing-per-column = '" + pair + "' is not column:strategy; write e.g."
                            + " data.missing-per-column = LotFrontage:median, Alley:constant");
                }
                String column = pair.substring(0, colon).strip();
                String strategy = strategy(pair.substring(colon + 1).strip(), "data.missing-per-column for '" + column + "'");
                if (strategies.put(column, strategy) != null) {
                    throw new DataException("data.missing-per-column names the column '" + column + "' twice");
                }
            }
            return strategies;
        }

        /** A strategy's name checked; {@code what} names the option in the message. */
        public static String strategy(String name, String what) {
            String strategy = name.strip().toLowerCase(Locale.ROOT);
            if (!STRATEGIES.contains(strategy)) {
                throw new DataException(what + " = '" + name + "' is not a strategy; use one of "
                        + String.join(", ", STRATEGIES));
            }
            return strategy;
        }
    }

    private TableEncoder() {
    }

    /**
     * The text columns read as they are decided: a column not declared a category ({@code declared})
     * whose every cell is a number is a number column after all (a database's text column of numbers,
     * as a CSV file's), one of names only is a category column, and one that mixes numbers and text,
     * or holds a cell that starts like a number but is not one ({@code 7z}, {@code 1,5}), is refused
     * naming the cell: a typo must not turn a column of numbers into categories.
     *
     * @param row how to name a row in messages, given its line
     */
    public static RawColumns settle(RawColumns raw, Set<String> declared, IntFunction<String> row) {
        double[][] numbers = raw.numbers().clone();
        String[][] texts = raw.texts().clone();
        boolean changed = false;
        for (int c = 0; c < raw.names().size(); c++) {
            String name = raw.names().get(c);
            if (!raw.isText(c) || declared.contains(name)) {
                continue;
            }
            String[] cells = raw.texts()[c];
            int firstNumber = -1;
            int firstText = -1;
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i];
                if (cell == null) {
                    continue;
                }
                if (CsvReader.isNumberText(cell)) {
                    firstNumber = firstNumber < 0 ? i : firstNumber;
                } else if (startsLikeNumber(cell)) {
                    throw new DataException(where(raw, c, i, row) + " holds '" + cell + "', which is not a number"
                            + " though it starts like one; fix the cell, or name the column in data.categorical to read"
                            + " its cells as categories");
                } else {
                    firstText = firstText < 0 ? i : firstText;
                }
                if (firstNumber >= 0 && firstText >= 0) {
                    throw new DataException(where(raw, c, firstText, row) + " holds '" + cells[firstText]
                            + "', but other cells of the column are numbers (line " + raw.line(firstNumber) + ": "
                            + cells[firstNumber] + "); fix the cell, or name the column in data.categorical to read its"
                            + " cells as categories");
                }
            }
            if (firstNumber >= 0) {   // numbers only: a number column
                double[] values = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    values[i] = cells[i] == null ? Double.NaN : number(raw, c, i, row);
                }
                numbers[c] = values;
                texts[c] = null;
                changed = true;
            }
        }
        return changed ? new RawColumns(raw.header(), raw.names(), numbers, texts, raw.labels(), raw.labelTexts(),
                raw.rows(), raw.lines()) : raw;
    }

    private static double number(RawColumns raw, int c, int i, IntFunction<String> row) {
        String cell = raw.texts()[c][i];
        if (Decimals.isJavaOnly(cell)) {
            throw new DataException(where(raw, c, i, row) + " holds '" + cell + "', " + Decimals.javaOnlyAdvice(cell));
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value) || !Float.isFinite((float) value)) {
            throw new DataException(where(raw, c, i, row) + " holds '" + cell + "', which is not a finite float"
                    + " (NaN, infinite, or beyond ±3.4e38); fix or drop the row");
        }
        return value;
    }

    /** A digit first, after a sign or a point: {@code 7z}, {@code -3kg}, {@code .5x}, but not {@code A1}. */
    public static boolean startsLikeNumber(String cell) {
        int i = 0;
        if (i < cell.length() && (cell.charAt(i) == '-' || cell.charAt(i) == '+')) {
            i++;
        }
        if (i < cell.length() && cell.charAt(i) == '.') {
            i++;
        }
        return i < cell.length() && cell.charAt(i) >= '0' && cell.charAt(i) <= '9';
    }

    /** {@code file:line:column: column 'x'} for a file's rows, {@code row 3 of …: column 'x'} for a query's. */
    private static String where(RawColumns raw, int c, int i, IntFunction<String> row) {
        return row.apply(raw.line(i)) + (raw.lines() == null ? "" : ":" + (raw.header().indexOf(raw.names().get(c)) + 1))
                + ": column '" + raw.names().get(c) + "'";
    }

    /**
     * The rows kept: those missing a value of {@code dropColumns}, or missing their target when
     * {@code dropTargets} (any strategy but {@code error}), are left out.
     *
     * @param row how to name a row in messages, given its line
     * @throws DataException for a missing target, or a missing cell under {@code error}, naming the row
     */
    public static int[] keptRows(RawColumns raw, Set<String> dropColumns, boolean dropTargets, IntFunction<String> row) {
        int n = raw.rows();
        int d = raw.names().size();
        boolean[] drop = new boolean[d];
        for (int c = 0; c < d; c++) {
            drop[c] = dropColumns.contains(raw.names().get(c));
        }
        int[] kept = new int[n];
        int count = 0;
        int labelColumns = raw.labels() == null ? (raw.labelTexts() == null ? 0 : 1) : raw.labels().length / Math.max(1, n);
        for (int i = 0; i < n; i++) {
            boolean keep = true;
            for (int c = 0; c < d && keep; c++) {
                if (drop[c] && raw.isMissing(c, i)) {
                    keep = false;
                }
            }
            for (int t = 0; t < labelColumns && keep; t++) {
                boolean missing = raw.labels() != null ? Float.isNaN(raw.labels()[i * labelColumns + t])
                        : raw.labelTexts()[i] == null;
                if (missing) {
                    if (!dropTargets) {
                        throw new DataException(row.apply(raw.line(i)) + ": the target is missing; every row needs"
                                + " its target: fill it, or set data.missing (rows without a target are then left out)");
                    }
                    keep = false;
                }
            }
            if (keep) {
                kept[count++] = i;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /**
     * What fitting needs to know of the training rows, column by column: computed from rows in memory
     * ({@link #of(RawColumns, int[])}), or by a cluster over rows it keeps (the Spark engine).
     */
    public interface TrainingStatistics {
        /** The feature columns' names, in order. */
        List<String> names();

        /** Whether column {@code c} holds text (categories). */
        boolean isText(int c);

        /** How many training rows there are. */
        long rows();

        /** How many training rows have a value in column {@code c}. */
        long present(int c);

        /** The mean of number column {@code c}'s present training values. */
        double mean(int c);

        /** Their median: the middle value, or the mean of the two middle ones. */
        double median(int c);

        /** Their most frequent value, the smallest of equally frequent ones. */
        double mostFrequent(int c);

        /** How many distinct values text column {@code c} has in the training rows. */
        long distinct(int c);

        /** Text column {@code c}'s values in the training rows and how often each occurs. */
        Map<String, Long> counts(int c);
    }

    /** The statistics of {@code training} (indices into {@code raw}). */
    public static TrainingStatistics of(RawColumns raw, int[] training) {
        return new TrainingStatistics() {
            @Override
            public List<String> names() {
                return raw.names();
            }

            @Override
            public boolean isText(int c) {
                return raw.isText(c);
            }

            @Override
            public long rows() {
                return training.length;
            }

            @Override
            public long present(int c) {
                long present = 0;
                for (int i : training) {
                    if (!raw.isMissing(c, i)) {
                        present++;
                    }
                }
                return present;
            }

            private double[] known(int c) {
                double[] values = raw.numbers()[c];
                double[] known = new double[(int) present(c)];
                int k = 0;
                for (int i : training) {
                    if (!Double.isNaN(values[i])) {
                        known[k++] = values[i];
                    }
                }
                return known;
            }

            @Override
            public double mean(int c) {
                return TableEncoder.mean(known(c));
            }

            @Override
            public double median(int c) {
                return TableEncoder.median(known(c));
            }

            @Override
            public double mostFrequent(int c) {
                return TableEncoder.mostFrequent(known(c));
            }

            @Override
            public long distinct(int c) {
                return counts(c).size();
            }

            @Override
            public Map<String, Long> counts(int c) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (int i : training) {
                    String value = raw.texts()[c][i];
                    if (value != null) {
                        counts.merge(value, 1L, Long::sum);
                    }
                }
                return counts;
            }
        };
    }

    /**
     * Fits the filling and the categories on the training rows.
     *
     * @param training the rows (indices into {@code raw}) to fit on
     * @param source   what the table is, for messages
     */
    public static Encoding fit(RawColumns raw, int[] training, Options options, String source) {
        return fit(of(raw, training), options, source);
    }

    /** Fits the filling and the categories on the training rows {@code statistics} describe. */
    public static Encoding fit(TrainingStatistics statistics, Options options, String source) {
        List<String> names = statistics.names();
        for (String name : options.missingPerColumn().keySet()) {
            if (!names.contains(name)) {
                throw new DataException("data.missing-per-column names '" + name + "', which is not a feature column of "
                        + source + "; its feature columns are: " + String.join(", ", names));
            }
        }
        for (String name : options.categorical()) {
            if (!names.contains(name)) {
                throw new DataException("data.categorical names '" + name + "', which is not a feature column of "
                        + source + "; its feature columns are: " + String.join(", ", names));
            }
        }
        List<Encoding.Column> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            columns.add(statistics.isText(c) ? fitCategory(statistics, c, options, source)
                    : fitNumber(statistics, c, options, source));
        }
        Encoding encoding = new Encoding(columns);
        Set<String> seen = new LinkedHashSet<>();
        for (String name : encoding.featureNames()) {
            if (!seen.add(name)) {
                throw new DataException("two features of " + source + " would be named '" + name + "' (a column of that"
                        + " name besides an encoded one); rename the column");
            }
        }
        return encoding;
    }

    private static Encoding.Column fitNumber(TrainingStatistics statistics, int c, Options options, String source) {
        String name = statistics.names().get(c);
        String strategy = options.strategy(name);
        long rows = statistics.rows();
        long present = statistics.present(c);
        boolean indicator = options.indicator() && present < rows && !strategy.equals("error")
                && !strategy.equals("drop");
        double fill = switch (strategy) {
            case "mean", "median", "most-frequent" -> {
                if (present == 0) {
                    throw new DataException("column '" + name + "' of " + source + " has no value in any of its "
                            + rows + " training rows, so it has no " + strategy + "; leave it out"
                            + " (data.features), or fill it with a constant (data.missing-per-column = " + name
                            + ":constant)");
                }
                yield strategy.equals("mean") ? statistics.mean(c) : strategy.equals("median") ? statistics.median(c)
                        : statistics.mostFrequent(c);
            }
            case "constant" -> options.fillValue();
            default -> Double.NaN;
        };
        return new Encoding.Column(name, Encoding.NUMBER, strategy, Double.isNaN(fill) ? null : Double.toString(fill),
                indicator, List.of(), false);
    }

    private static Encoding.Column fitCategory(TrainingStatistics statistics, int c, Options options, String source) {
        String name = statistics.names().get(c);
        String strategy = options.strategy(name);
        if (strategy.equals("mean") || strategy.equals("median")) {
            if (options.missingPerColumn().containsKey(name)) {
                throw new DataException("data.missing-per-column = " + name + ":" + strategy + ", but column '" + name
                        + "' of " + source + " holds categories, which have no " + strategy + "; use most-frequent or"
                        + " constant for it");
            }
            strategy = "constant";   // data.missing = mean for the numbers: a missing category is a category of its own
        }
        long rows = statistics.rows();
        long distinct = statistics.distinct(c);
        if (distinct > options.maxCategories()) {   // before the values are gathered: an identifier has many
            throw tooMany(name, source, distinct, rows, options);
        }
        long present = statistics.present(c);
        Map<String, Long> counts = statistics.counts(c);
        if (ClassNames.allNumbers(counts.keySet())) {
            Map<String, Long> canonical = new LinkedHashMap<>();
            counts.forEach((value, count) -> canonical.merge(ClassNames.canonical(value), count, Long::sum));
            counts = canonical;
        }
        String fill = switch (strategy) {
            case "most-frequent" -> {
                if (present == 0) {
                    throw new DataException("column '" + name + "' of " + source + " has no value in any of its "
                            + rows + " training rows; leave it out (data.features)");
                }
                long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                Map<String, Long> all = counts;
                yield ClassNames.sorted(counts.keySet().stream().filter(v -> all.get(v) == most).toList()).get(0);
            }
            case "constant" -> options.fillCategory();
            default -> null;
        };
        Set<String> categories = new LinkedHashSet<>(counts.keySet());
        if (fill != null && present < rows) {
            categories.add(fill);
        }
        if (categories.isEmpty()) {
            throw new DataException("column '" + name + "' of " + source + " has no value in any of its " + rows
                    + " training rows; leave it out (data.features)");
        }
        if (categories.size() > options.maxCategories()) {
            throw tooMany(name, source, categories.size(), rows, options);
        }
        boolean indicator = options.indicator() && present < rows && !strategy.equals("error")
                && !strategy.equals("drop");
        return new Encoding.Column(name, Encoding.CATEGORY, strategy, fill, indicator,
                ClassNames.sorted(categories), options.ignoreUnknown());
    }

    private static DataException tooMany(String name, String source, long categories, long rows, Options options) {
        return new DataException(String.format(Locale.ROOT, "column '%s' of %s has %,d categories in its %,d training"
                + " rows, more than data.max-categories = %d%s; leave it out (data.features), or raise"
                + " data.max-categories if it is a category", name, source, categories, rows, options.maxCategories(),
                categories * 2 > rows
                ? " (nearly a value per row: it looks like an identifier, which says nothing about new rows)" : ""));
    }

    /**
     * The rows as features: filled and encoded as {@code encoding} says, scaled as {@code scaling} says
     * (number features only; category and indicator features are 0 or 1, and {@link CsvReader.Table#offsets()}
     * holds 0 for them).
     *
     * @param rows which rows of {@code raw}, in order
     * @param row   how to name a row in messages, given its line
     * @param saved whether the encoding is a saved model's (for messages), rather than fitted just now
     * @throws DataException for a missing cell without a fill, or an unknown category under {@code error}
     */
    public static CsvReader.Table encode(Encoding encoding, RawColumns raw, int[] rows, CsvReader.Scaling scaling,
                                         IntFunction<String> row, boolean saved) {
        List<Encoding.Column> columns = encoding.columns();
        if (!raw.names().equals(encoding.inputs())) {
            throw new IllegalArgumentException("the encoding reads " + encoding.inputs() + ", not " + raw.names());
        }
        double[][] values = new double[columns.size()][];   // each number column's cells as numbers
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).categorical()) {
                continue;
            }
            values[c] = raw.isText(c) ? numbers(raw, c, rows, row, saved) : raw.numbers()[c];
        }
        int n = rows.length;
        int d = encoding.features();
        if (scaling.mean != null && scaling.mean.length != d) {
            throw new IllegalArgumentException("standardization for " + scaling.mean.length + " features, not " + d);
        }
        double[] offsets = scaling == CsvReader.Scaling.RAW ? null : scaling == CsvReader.Scaling.CENTERED
                ? new double[d] : scaling.mean.clone();
        boolean[] number = encoding.numberFeatures();
        List<Map<String, Integer>> index = new ArrayList<>();
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Integer> positions = new HashMap<>();
            List<String> categories = columns.get(c).categories();
            for (int k = 0; k < categories.size(); k++) {
                positions.put(categories.get(k), k);
            }
            index.add(positions);
            numeric[c] = columns.get(c).categorical() && ClassNames.allNumbers(categories);
        }
        float[] features = new float[Math.multiplyExact(n, d)];
        for (int r = 0; r < n; r++) {
            int i = rows[r];
            int j = 0;
            for (int c = 0; c < columns.size(); c++) {
                Encoding.Column column = columns.get(c);
                boolean missing = raw.isMissing(c, i);
                if (missing && column.fill() == null) {
                    throw new DataException(row.apply(raw.line(i)) + ": column '" + column.name() + "' is missing, and "
                            + (column.missing().equals("drop") ? "rows missing it were left out in training; a row to"
                            + " score needs it: fill it or leave the row out"
                            : "data.missing = error; fill it, or set data.missing (drop, mean, median, most-frequent or"
                            + " constant)"));
                }
                if (column.categorical()) {
                    String value = missing ? column.fill() : numeric[c] ? ClassNames.canonical(raw.texts()[c][i])
                            : raw.texts()[c][i];
                    Integer k = index.get(c).get(value);
                    if (k == null && !column.ignoreUnknown()) {
                        throw new DataException(row.apply(raw.line(i)) + ": column '" + column.name() + "' holds '"
                                + value + "', a category " + (saved ? "the model was not trained on"
                                : "the training rows do not have") + " (it knows " + summary(column.categories()) + "); "
                                + (saved ? "train with" : "set") + " data.handle-unknown = ignore to encode unknown"
                                + " categories as all zeros, or leave the row out");
                    }
                    if (k != null) {
                        features[r * d + j + k] = 1;
                    }
                } else {
                    double x = missing ? column.fillNumber() : values[c][i];
                    features[r * d + j] = scaled(x, j, r, offsets, scaling, raw, i, column.name(), row);
                }
                j += column.width();
            }
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).indicator()) {
                    features[r * d + j++] = raw.isMissing(c, i) ? 1 : 0;
                }
            }
        }
        if (offsets != null) {
            for (int j = 0; j < d; j++) {
                if (!number[j]) {
                    offsets[j] = 0;
                }
            }
        }
        int labelColumns = raw.labels() == null ? 0 : raw.labels().length / raw.rows();
        float[] labels = raw.labels() == null ? null : new float[n * labelColumns];
        String[] labelTexts = raw.labelTexts() == null ? null : new String[n];
        int[] lines = new int[n];
        for (int r = 0; r < n; r++) {
            int i = rows[r];
            if (labels != null) {
                System.arraycopy(raw.labels(), i * labelColumns, labels, r * labelColumns, labelColumns);
            }
            if (labelTexts != null) {
                labelTexts[r] = raw.labelTexts()[i];
            }
            lines[r] = raw.line(i);
        }
        List<String> header = raw.header();
        return new CsvReader.Table(header, features, labels, labelTexts, n, lines,
                scaling.std == null ? offsets : null);
    }

    /**
     * A number column that came as text (a cell of text turned up in it) as numbers, for {@code rows};
     * a cell among them that is not a number is refused, naming it.
     */
    private static double[] numbers(RawColumns raw, int c, int[] rows, IntFunction<String> row, boolean saved) {
        double[] values = new double[raw.rows()];
        for (int i : rows) {
            String cell = raw.texts()[c][i];
            if (cell != null && !CsvReader.isNumberText(cell)) {
                throw new DataException(where(raw, c, i, row) + " holds '" + cell + "', which is not a number, but "
                        + (saved ? "the model reads" : "the training rows give") + " the column as numbers; fix the"
                        + " cell, or leave the row out");
            }
            values[i] = cell == null ? Double.NaN : number(raw, c, i, row);
        }
        return values;
    }

    private static float scaled(double x, int j, int r, double[] offsets, CsvReader.Scaling scaling, RawColumns raw,
                                int i, String name, IntFunction<String> row) {
        if (offsets == null) {
            return (float) x;
        }
        if (r == 0 && scaling == CsvReader.Scaling.CENTERED) {
            offsets[j] = x;
        }
        double shifted = x - offsets[j];
        float stored = (float) (scaling.std == null ? shifted : shifted / scaling.std[j]);
        if (!Float.isFinite(stored)) {
            throw new DataException(row.apply(raw.line(i)) + ": column '" + name + "' holds " + x + ", " + (scaling.std
                    == null ? "so far from the column's first value (" + offsets[j] + ") that their difference"
                    : "so far from the model's training data (mean " + offsets[j] + ", std " + scaling.std[j]
                    + ") that its standardised value") + " is beyond the range of a float (about ±3.4e38); fix or drop"
                    + " the row");
        }
        return stored;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The most frequent value; the smallest of equally frequent ones. */
    static double mostFrequent(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                best = sorted[i];
                bestCount = j - i;
            }
            i = j;
        }
        return best;
    }

    private static String summary(List<String> categories) {
        return categories.size() <= 6 ? String.join(", ", categories)
                : String.join(", ", categories.subList(0, 5)) + ", … (" + categories.size() + " in all)";
    }
}
