package dev.descent.data;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.Dataset;
import dev.descent.api.Encoding;
import dev.descent.api.Standardization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's columns as a {@link Dataset}, the same way for every source of tables ({@code csv},
 * {@code sql}): which column is the target and which are features, regression or classification
 * (and the classes' order), standardisation with the training rows' statistics, and a seeded
 * validation split. Only the reading differs: a {@link Reader} turns a column choice and a
 * {@link CsvReader.Scaling} into a {@link CsvReader.Table}; so the same table read from a CSV file,
 * a Parquet file or a database trains bit for bit alike.
 */
public final class TableDataset {

    private static final Logger LOG = LoggerFactory.getLogger(TableDataset.class);

    /** How the target column is read. */
    public enum Task { AUTO, REGRESSION, CLASSIFICATION }

    /**
     * The user's choice of columns, as the {@code data.*} options say it.
     *
     * @param target             the label column(s); the last column when empty
     * @param task               how the target is read
     * @param classes            the class names in the model's order; sorted when empty
     * @param features           the feature columns, in order; every other column when empty
     * @param standardize        whether features are scaled with the training rows' statistics
     * @param validationFraction the fraction of rows held out (seeded) for validation
     * @param encoding           how missing cells are filled and which columns are categories
     */
    public record Choice(String[] target, Task task, String[] classes, String[] features, boolean standardize,
                         double validationFraction, TableEncoder.Options encoding) {

        /** A choice of columns in a table without missing cells, text columns one-hot encoded. */
        public Choice(String[] target, Task task, String[] classes, String[] features, boolean standardize,
                      double validationFraction) {
            this(target, task, classes, features, standardize, validationFraction, TableEncoder.Options.NONE);
        }
    }

    /** Reads the table's chosen columns: straight into floats, or as written, for filling and encoding. */
    public interface Reader {
        /**
         * @param choose  given the column names, which columns to read (may throw a {@link DataException})
         * @param scaling how feature values become floats
         * @throws CsvReader.TextLabelsFound   when labels read as {@link CsvReader.Labels#NUMBERS_UNLESS_TEXT}
         *                                     turn out to be text
         * @throws CsvReader.TextFeaturesFound when a feature column holds text (a category column)
         */
        CsvReader.Table read(Function<List<String>, CsvReader.Selection> choose, CsvReader.Scaling scaling);

        /**
         * @param choose given the column names, which columns to read
         * @param text   the feature columns to read as text (categories); any other that holds text comes as
         *               text too (TableEncoder.settle then decides what it is)
         * @throws CsvReader.TextLabelsFound as {@link #read}
         */
        RawColumns readColumns(Function<List<String>, CsvReader.Selection> choose, Set<String> text);
    }

    private final String source;
    private final IntFunction<String> row;
    private final Choice choice;

    /** A table from a file: rows are named {@code path:line}. */
    public TableDataset(String path, Choice choice) {
        this(path, line -> path + ":" + line, choice);
    }

    /**
     * @param source what the table is, for messages: a file's path, or e.g. {@code the query's result}
     * @param row    how to name a row in messages, given its {@link CsvReader.Table#lines() line}
     */
    public TableDataset(String source, IntFunction<String> row, Choice choice) {
        this.source = source;
        this.row = row;
        this.choice = choice;
    }

    /** Reads the table and makes the data set: training rows, and validation rows when a fraction is held out. */
    public Dataset load(DataContext context, Reader reader) {
        Task task = choice.task();
        // auto follows the run's loss when there is one: class labels for a classification loss, numbers
        // (every cell checked) for a regression loss; on its own it reads numbers unless a cell is not one.
        Task effective = task != Task.AUTO || context.task().isEmpty() ? task
                : context.task().get() == dev.descent.api.Task.CLASSIFICATION ? Task.CLASSIFICATION : Task.REGRESSION;
        boolean classify = effective == Task.CLASSIFICATION || choice.classes().length > 0;
        if (task == Task.REGRESSION && choice.classes().length > 0) {
            throw new DataException("data.task = regression, but data.classes is set; classes are for classification:"
                    + " drop data.classes or set data.task = classification");
        }
        CsvReader.Labels mode = classify ? CsvReader.Labels.TEXT
                : effective == Task.AUTO ? CsvReader.Labels.NUMBERS_UNLESS_TEXT : CsvReader.Labels.NUMBERS;
        // Cells are read exactly and rounded to float only after the shift standardisation needs: a
        // resumed run's saved statistics, or else each column's first value (the statistics come later,
        // from the training rows only), so that adding a constant to a feature changes nothing.
        Optional<Standardization> saved = choice.standardize() ? context.standardization() : Optional.empty();
        CsvReader.Scaling scaling = !choice.standardize() ? CsvReader.Scaling.RAW : saved.isPresent()
                ? CsvReader.Scaling.standardized(saved.get().mean(), saved.get().std()) : CsvReader.Scaling.CENTERED;
        Read read;
        if (choice.encoding().needsColumns() || context.encoding().isPresent()) {
            read = readColumns(context, reader, mode, scaling, Set.of());
        } else {
            try {
                read = readPlain(reader, mode, saved, scaling);
            } catch (CsvReader.TextFeaturesFound found) {
                LOG.debug("{}: a feature holds text, so the table is read column by column", found.getMessage());
                read = readColumns(context, reader, mode, scaling, Set.copyOf(found.columns()));
            }
        }
        if (saved.isPresent() && saved.get().features() != read.featureNames().size()) {   // a resumed model's, for other data
            throw new DataException("the saved model's standardization is for " + saved.get().features()
                    + " feature(s), but " + source + " has " + read.featureNames().size() + " feature column(s) ("
                    + abbreviated(read.featureNames()) + "); resume on data with the model's features, or train a new"
                    + " model without --resume");
        }
        return split(context, read, saved);
    }

    /**
     * The table's rows as written, for cross-validation: each fold's fills and categories are fitted on
     * that fold's training rows only ({@link Pool#fold}), so no held-out fold shapes them. Read with
     * the source's options; the features are left raw (each fold is standardised by its caller).
     */
    public Pool pool(DataContext context, Reader reader) {
        Task task = choice.task();
        Task effective = task != Task.AUTO || context.task().isEmpty() ? task
                : context.task().get() == dev.descent.api.Task.CLASSIFICATION ? Task.CLASSIFICATION : Task.REGRESSION;
        boolean classify = effective == Task.CLASSIFICATION || choice.classes().length > 0;
        CsvReader.Labels mode = classify ? CsvReader.Labels.TEXT
                : effective == Task.AUTO ? CsvReader.Labels.NUMBERS_UNLESS_TEXT : CsvReader.Labels.NUMBERS;
        Columns found = columns(context, reader, mode, Set.of());
        RawColumns raw = found.raw();
        Drops drops = drops(raw, Optional.empty());
        int[] kept = TableEncoder.keptRows(raw, drops.columns(), drops.targets(), row);
        if (kept.length == 0) {
            throw new DataException("every row of " + source + " misses a value it needs (its target, or a column with"
                    + " data.missing = drop); fill them, or choose another strategy");
        }
        int k = found.labelNames().size();
        float[] numbers = raw.labels() == null ? null : new float[kept.length * k];
        String[] texts = raw.labelTexts() == null ? null : new String[kept.length];
        int[] lines = new int[kept.length];
        for (int r = 0; r < kept.length; r++) {
            if (numbers != null) {
                System.arraycopy(raw.labels(), kept[r] * k, numbers, r * k, k);
            }
            if (texts != null) {
                texts[r] = raw.labelTexts()[kept[r]];
            }
            lines[r] = raw.line(kept[r]);
        }
        CsvReader.Table labelled = new CsvReader.Table(raw.header(), new float[0], numbers, texts, kept.length, lines);
        Labels labels = found.labelMode() == CsvReader.Labels.TEXT ? classLabels(labelled, found.labelNames().get(0))
                : new Labels(numbers, List.of());
        return new Pool(raw, kept, labels, found.labelNames());
    }

    /** A table's rows as written ({@link #pool}), to be filled and encoded fold by fold. */
    public final class Pool {
        private final RawColumns raw;
        private final int[] kept;
        private final Labels labels;
        private final List<String> labelNames;

        private Pool(RawColumns raw, int[] kept, Labels labels, List<String> labelNames) {
            this.raw = raw;
            this.kept = kept;
            this.labels = labels;
            this.labelNames = labelNames;
        }

        /** How many rows there are (those left out for a missing target or a dropped column's cell aside). */
        public int examples() {
            return kept.length;
        }

        /** The labels, {@code examples × outputs} (class indices for classification). */
        public float[] labels() {
            return labels.values();
        }

        /** The class names for classification; empty for regression. */
        public List<String> classes() {
            return labels.classes();
        }

        /**
         * One fold: its training rows filled and encoded with statistics fitted on them, and its held-out
         * rows prepared the same way; raw (not standardised), each carrying the fold's encoding.
         *
         * @param training the training rows, as indices from 0 to {@link #examples()} − 1
         * @param held     the held-out rows, likewise
         * @return the training rows and the held-out rows
         */
        public Dataset[] fold(int[] training, int[] held) {
            int[] fitOn = new int[training.length];
            for (int i = 0; i < training.length; i++) {
                fitOn[i] = kept[training[i]];
            }
            Encoding encoding = TableEncoder.fit(raw, fitOn, choice.encoding(), source);
            return new Dataset[] {rows(encoding, training), rows(encoding, held)};
        }

        private Dataset rows(Encoding encoding, int[] which) {
            int[] rows = new int[which.length];
            int k = labelNames.size();
            float[] y = new float[which.length * k];
            for (int i = 0; i < which.length; i++) {
                rows[i] = kept[which[i]];
                System.arraycopy(labels.values(), which[i] * k, y, i * k, k);
            }
            float[] x = TableEncoder.encode(encoding, raw, rows, CsvReader.Scaling.RAW, row, false).features();
            return new Dataset(x, y, encoding.featureNames(), labelNames, labels.classes(), Map.of())
                    .withEncoding(encoding);
        }
    }

    /** The table read and its labels numbered: before the split. */
    private record Read(CsvReader.Table table, Labels labels, List<String> featureNames, List<String> labelNames,
                        Encoding encoding, int[] training, int validationRows, int[] order) {
    }

    /** A table of numbers without missing cells, read straight into floats. */
    private Read readPlain(Reader reader, CsvReader.Labels mode, Optional<Standardization> saved,
                           CsvReader.Scaling scaling) {
        List<String> featureNames = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        boolean classify = mode == CsvReader.Labels.TEXT;
        CsvReader.Table table;
        try {
            table = reader.read(columns -> choose(columns, featureNames, labelNames, mode, saved), scaling);
        } catch (CsvReader.TextLabelsFound found) {
            LOG.debug("{}: the target is not numeric, so the task is classification", found.where());
            featureNames.clear();
            labelNames.clear();
            classify = true;
            table = reader.read(columns -> choose(columns, featureNames, labelNames, CsvReader.Labels.TEXT, saved),
                    scaling);
        }
        Labels labels = classify ? classLabels(table, labelNames.get(0)) : new Labels(table.labels(), List.of());
        return new Read(table, labels, featureNames, labelNames, null, null, -1, null);
    }

    /**
     * A table with missing cells or category columns: read column by column as written, rows left out
     * or cells filled, categories one-hot encoded, as the saved model's encoding says or as fitted on
     * the training rows (so the split comes first).
     */
    /** The columns as read: the cells, the label columns' names, and how the labels were read. */
    private record Columns(RawColumns raw, List<String> labelNames, CsvReader.Labels labelMode) {
    }

    /**
     * Reads the chosen columns as written: the declared categories, a saved encoding's and those found
     * to hold text as text, the others as numbers.
     */
    private Columns columns(DataContext context, Reader reader, CsvReader.Labels mode, Set<String> textFound) {
        Optional<Encoding> savedEncoding = context.encoding();
        Set<String> text = new LinkedHashSet<>(textFound);
        text.addAll(choice.encoding().categorical());
        savedEncoding.ifPresent(e -> e.columns().stream().filter(Encoding.Column::categorical)
                .forEach(c -> text.add(c.name())));
        List<String> featureNames = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        CsvReader.Labels labelMode = mode;
        while (true) {   // at most twice: again with text labels when the target turns out to be text
            featureNames.clear();
            labelNames.clear();
            CsvReader.Labels now = labelMode;
            try {
                RawColumns raw = reader.readColumns(columns -> choose(columns, featureNames, labelNames, now),
                        Set.copyOf(text));
                Set<String> declared = new LinkedHashSet<>(choice.encoding().categorical());
                savedEncoding.ifPresent(e -> e.columns().stream().filter(Encoding.Column::categorical)
                        .forEach(c -> declared.add(c.name())));
                return new Columns(TableEncoder.settle(raw, declared, row), List.copyOf(labelNames), labelMode);
            } catch (CsvReader.TextLabelsFound found) {
                if (now == CsvReader.Labels.TEXT) {
                    throw found;
                }
                LOG.debug("{}: the target is not numeric, so the task is classification", found.where());
                labelMode = CsvReader.Labels.TEXT;
            }
        }
    }

    /** Whether rows missing their target are left out, and the columns whose missing cells leave a row out. */
    private record Drops(boolean targets, Set<String> columns) {
    }

    private Drops drops(RawColumns raw, Optional<Encoding> savedEncoding) {
        TableEncoder.Options options = choice.encoding();
        boolean dropTargets = savedEncoding.map(e -> e.columns().stream().anyMatch(c -> !c.missing().equals("error")))
                .orElse(!options.missing().equals("error") || !options.missingPerColumn().isEmpty());
        Set<String> dropColumns = new LinkedHashSet<>();
        for (String name : raw.names()) {
            String strategy = savedEncoding.map(e -> e.columns().get(e.inputs().indexOf(name)).missing())
                    .orElse(options.strategy(name));
            if (strategy.equals("drop")) {
                dropColumns.add(name);
            }
        }
        return new Drops(dropTargets, dropColumns);
    }

    private Read readColumns(DataContext context, Reader reader, CsvReader.Labels mode, CsvReader.Scaling scaling,
                             Set<String> textFound) {
        Optional<Encoding> savedEncoding = context.encoding();
        TableEncoder.Options options = choice.encoding();
        Columns found = columns(context, reader, mode, textFound);
        RawColumns raw = found.raw();
        List<String> labelNames = found.labelNames();
        CsvReader.Labels labelMode = found.labelMode();
        List<String> categories = new ArrayList<>();
        for (int c = 0; c < raw.names().size(); c++) {
            if (raw.isText(c) && !options.categorical().contains(raw.names().get(c))) {
                categories.add(raw.names().get(c));
            }
        }
        if (savedEncoding.isPresent() && !savedEncoding.get().inputs().equals(raw.names())) {
            throw new DataException("the saved model reads the columns " + abbreviated(savedEncoding.get().inputs())
                    + ", but " + source + " gives " + abbreviated(raw.names()) + "; choose the columns the model was"
                    + " trained on (data.features)");
        }
        Drops drops = drops(raw, savedEncoding);
        Set<String> dropColumns = drops.columns();
        int[] kept = TableEncoder.keptRows(raw, dropColumns, drops.targets(), row);
        if (kept.length < raw.rows()) {
            LOG.info("{}: left out {} of {} rows that miss {}", source, raw.rows() - kept.length, raw.rows(),
                    dropColumns.isEmpty() ? "their target" : "their target or a value of " + abbreviated(
                            List.copyOf(dropColumns)));
        }
        if (kept.length == 0) {
            throw new DataException("every row of " + source + " misses a value it needs (its target, or a column with"
                    + " data.missing = drop); fill them, or choose another strategy");
        }
        int n = kept.length;
        int validationRows = validationRows(n);
        int[] order = HeldOut.order(n, validationRows, context.random());
        int[] training = new int[n - validationRows];
        for (int i = validationRows; i < n; i++) {
            training[i - validationRows] = kept[order[i]];
        }
        Encoding encoding = savedEncoding.orElseGet(() -> TableEncoder.fit(raw, training, options, source));
        if (!categories.isEmpty() && savedEncoding.isEmpty()) {
            LOG.info("{}: {} {} text, so {} one-hot encoded ({} from the training rows)", source,
                    abbreviated(categories), categories.size() == 1 ? "holds" : "hold",
                    categories.size() == 1 ? "it is" : "they are", encoding.columns().stream()
                            .filter(c -> categories.contains(c.name()))
                            .map(c -> c.categories().size() + " categories").collect(Collectors.joining(", ")));
        }
        CsvReader.Table table = TableEncoder.encode(encoding, raw, kept, scaling, row,
                savedEncoding.isPresent());
        Labels labels = labelMode == CsvReader.Labels.TEXT ? classLabels(table, labelNames.get(0))
                : new Labels(table.labels(), List.of());
        return new Read(table, labels, encoding.featureNames(), labelNames, encoding, training, validationRows, order);
    }

    private int validationRows(int n) {
        double fraction = choice.validationFraction();
        int validationRows = (int) Math.floor(n * fraction);
        if (fraction > 0 && (validationRows == 0 || validationRows == n)) {
            throw new DataException("data.validation-fraction = " + fraction + " of " + n + " rows leaves "
                    + (validationRows == 0 ? "no validation rows" : "no training rows") + "; use more data or another fraction");
        }
        return validationRows;
    }

    /** Training rows, and validation rows when a fraction is held out, standardised with the training rows' statistics. */
    private Dataset split(DataContext context, Read read, Optional<Standardization> saved) {
        CsvReader.Table table = read.table();
        Labels labels = read.labels();
        List<String> featureNames = read.featureNames();
        List<String> labelNames = read.labelNames();
        int n = table.rows();
        int d = featureNames.size();
        int validationRows = read.order() != null ? read.validationRows() : validationRows(n);
        int[] order = read.order() != null ? read.order() : HeldOut.order(n, validationRows, context.random());
        Dataset train = subset(table, labels, order, validationRows, n, featureNames, labelNames);
        boolean[] number = read.encoding() == null ? null : read.encoding().numberFeatures();
        Standardization statistics = null;
        Standardization ofCentered = null;   // the training rows' statistics of the centred values
        if (choice.standardize()) {
            if (saved.isPresent()) {
                statistics = saved.get();   // applied by the reader
            } else {
                ofCentered = statisticsOf(train, featureNames, table.offsets(), number);
                ofCentered.apply(train.featureMatrix(), train.examples());
                double[] mean = ofCentered.mean().clone();
                for (int j = 0; j < d; j++) {
                    mean[j] += table.offsets()[j];
                }
                statistics = new Standardization(mean, ofCentered.std());
            }
            train.withStandardization(statistics);
        }
        if (read.encoding() != null) {
            train.withEncoding(read.encoding());
        }
        if (validationRows > 0) {
            Dataset validation = subset(table, labels, order, 0, validationRows, featureNames, labelNames);
            if (statistics != null) {
                if (ofCentered != null) {
                    ofCentered.apply(validation.featureMatrix(), validation.examples());
                }
                validation.withStandardization(statistics);
            }
            if (read.encoding() != null) {
                validation.withEncoding(read.encoding());
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
        String[] classes = choice.classes();
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
                throw new DataException(row.apply(table.lines() == null ? i + 1 : table.lines()[i]) + ": column '" + column + "' holds the class '"
                        + texts[i] + "', which is not one of data.classes (" + String.join(", ", names)
                        + "); add it there or drop the row");
            }
            values[i] = c;
        }
        if (names.size() < 2) {
            throw new DataException(source + ": column '" + column + "' holds only the class '" + names.get(0)
                    + "'; classification needs at least two classes");
        }
        return new Labels(values, names);
    }

    private CsvReader.Selection choose(List<String> columns, List<String> featureNames, List<String> labelNames,
                                       CsvReader.Labels mode, Optional<Standardization> saved) {
        CsvReader.Selection selection = choose(columns, featureNames, labelNames, mode);
        if (saved.isPresent() && saved.get().features() != featureNames.size()) {   // a resumed model's, for other data
            throw new DataException("the saved model's standardization is for " + saved.get().features()
                    + " feature(s), but " + source + " has " + featureNames.size() + " feature column(s) ("
                    + abbreviated(featureNames) + "); resume on data with the model's features, or train a new model"
                    + " without --resume");
        }
        return selection;
    }

    private CsvReader.Selection choose(List<String> columns, List<String> featureNames, List<String> labelNames,
                                       CsvReader.Labels mode) {
        String[] target = choice.target();
        List<String> targets = target.length == 0 ? List.of(columns.get(columns.size() - 1)) : List.of(target);
        int[] labelColumns = new int[targets.size()];
        for (int t = 0; t < labelColumns.length; t++) {
            labelColumns[t] = columns.indexOf(targets.get(t));
            if (labelColumns[t] < 0) {
                throw new DataException("data.target = '" + targets.get(t) + "' is not a column of " + source
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
        if (choice.features().length == 0) {
            for (int c = 0; c < columns.size(); c++) {
                if (!targets.contains(columns.get(c))) {
                    chosen.add(c);
                }
            }
        } else {
            for (String name : choice.features()) {
                int c = columns.indexOf(name);
                if (c < 0) {
                    throw new DataException("data.features names '" + name + "', which is not a column of " + source
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
            throw new DataException(source + " has no feature columns besides the label " + String.join(", ", targets));
        }
        chosen.forEach(c -> featureNames.add(columns.get(c)));
        labelNames.addAll(targets);
        return new CsvReader.Selection(chosen.stream().mapToInt(Integer::intValue).toArray(), labelColumns, mode, true);
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
    private Standardization statisticsOf(Dataset data, List<String> names, double[] offsets, boolean[] number) {
        Standardization statistics = ColumnStatistics.of(data.featureMatrix(), data.examples(), data.features());
        statistics = ColumnStatistics.numbersOnly(statistics, number);   // one-hot and indicator features stay 0 or 1
        for (int j = 0; j < data.features(); j++) {
            if ((number == null || number[j]) && ColumnStatistics.isConstant(statistics, j)) {
                throw new DataException("column '" + names.get(j) + "' of " + source + " is constant (every training row"
                        + " holds " + (statistics.mean()[j] + offsets[j]) + "), so it cannot be standardised and says"
                        + " nothing to the model; drop it (data.features) or set data.standardize = false");
            }
        }
        return statistics;
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 4)) + ", … " + names.get(names.size() - 1);
    }
}
