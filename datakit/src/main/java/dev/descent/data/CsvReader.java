package dev.descent.data;

import dev.descent.api.DataException;
import dev.descent.api.LoadingProgress;
import dev.descent.data.Memory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a CSV file into float arrays (and class labels as text), for training ({@code csv} data
 * source) and for {@code predict} and {@code evaluate}.
 *
 * <p>Memory: a first pass counts the rows, so the arrays are allocated once at their exact size and
 * no value is boxed; the peak is the chosen columns as floats plus one line. Every problem is a
 * {@link DataException} naming {@code file:line:column}, the column's name and the text found.
 * Line numbers count the header as line 1; blank lines are skipped. Fields may be quoted
 * ({@code "1.5"}, with {@code ""} for a quote inside).
 */
public final class CsvReader {

    /** How label cells are read. */
    public enum Labels {
        /** Numbers; anything else is an error naming the cell. */
        NUMBERS,
        /** Text, kept as written (trimmed): class names such as {@code setosa} or {@code 3}. */
        TEXT,
        /**
         * Numbers, until a cell that is not one (and not a missing-value marker) turns up: then
         * {@link #read} throws {@link TextLabelsFound}, so the caller can read the file again as
         * {@link #TEXT} (a classification target).
         */
        NUMBERS_UNLESS_TEXT
    }

    /**
     * Which columns to read: features in order, the label columns (none, one, or several for
     * multi-output regression) and how their cells are read.
     */
    public record Selection(int[] featureColumns, int[] labelColumns, Labels labels, boolean categories) {
        public Selection {
            if (labels == Labels.TEXT && labelColumns.length != 1) {
                throw new IllegalArgumentException("text labels come from exactly one column");
            }
        }

        /** Numeric features only: a feature cell of text is an error naming it. */
        public Selection(int[] featureColumns, int[] labelColumns, Labels labels) {
            this(featureColumns, labelColumns, labels, false);
        }

        /**
         * This selection, with feature columns of text allowed: {@link #read} then throws
         * {@link TextFeaturesFound} for them, so the caller can read them as categories.
         */
        public Selection withCategories() {
            return new Selection(featureColumns, labelColumns, labels, true);
        }

        /** Numeric features and one numeric label column, or none when {@code labelColumn} is -1. */
        public Selection(int[] featureColumns, int labelColumn) {
            this(featureColumns, labelColumn < 0 ? new int[0] : new int[] {labelColumn}, Labels.NUMBERS);
        }
    }

    /** A label cell that is not a number, met while reading {@link Labels#NUMBERS_UNLESS_TEXT}. */
    public static final class TextLabelsFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String where;

        TextLabelsFound(String where) {
            super(where, null, false, false);
            this.where = where;
        }

        /** {@code file:line:column} and the text found. */
        public String where() {
            return where;
        }
    }

    /**
     * Feature columns that were read as numbers but hold text, met by {@link #read} (the first such cell)
     * or {@link #readColumns} (every such column): the caller reads the table again with them as text.
     */
    public static final class TextFeaturesFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> columns;

        public TextFeaturesFound(List<String> columns, String where) {
            super(where, null, false, false);
            this.columns = List.copyOf(columns);
        }

        /** The columns' names. */
        public List<String> columns() {
            return columns;
        }
    }

    /**
     * How feature cells become floats. Cells are parsed exactly; rounding to float comes last, after
     * any shift, so a feature far from zero against its spread (a Unix time, {@code 1.7e9 + k}) keeps
     * its digits: stored as written it would be rounded to steps of 128.
     */
    public static final class Scaling {
        /** As written, rounded to the nearest float. */
        public static final Scaling RAW = new Scaling(null, null);
        /** Minus the column's first value, computed in double: {@code float(x - x₀)}; x₀ in {@link Table#offsets()}. */
        public static final Scaling CENTERED = new Scaling(null, null);

        final double[] mean;
        final double[] std;

        private Scaling(double[] mean, double[] std) {
            this.mean = mean;
            this.std = std;
        }

        /** Standardised with known statistics, in double: {@code float((x - mean) / std)}, one pair per feature column. */
        public static Scaling standardized(double[] mean, double[] std) {
            return new Scaling(mean.clone(), std.clone());
        }
    }

    /**
     * What was read.
     *
     * @param header   the column names (from the header, or {@code column1…} without one)
     * @param features   {@code rows × featureColumns} values, row-major
     * @param labels     {@code rows × labelColumns} numbers, row-major, or {@code null} when no label
     *                   column was chosen or the labels were read as text
     * @param labelTexts one label per row as written, when read as {@link Labels#TEXT}; else {@code null}
     * @param rows       the number of data rows
     * @param lines      the line number of each data row, for messages about rows (e.g. non-finite values); null
     *                   when rows are numbered from 1 in order (a query's result)
     * @param offsets    per feature column, what was subtracted from every cell before it was rounded to
     *                   float ({@link Scaling#CENTERED}: the first row's value); {@code null} when nothing was
     */
    public record Table(List<String> header, float[] features, float[] labels, String[] labelTexts, int rows,
                        int[] lines, double[] offsets) {

        public Table(List<String> header, float[] features, float[] labels, String[] labelTexts, int rows, int[] lines) {
            this(header, features, labels, labelTexts, rows, lines, null);
        }
    }

    /** A number written with a decimal comma, {@code 1,5}: refused as a number, never read as a category. */
    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("[-+]?\\d+,\\d+");

    private final Path file;
    private final char delimiter;
    private final boolean hasHeader;

    public CsvReader(Path file, char delimiter, boolean hasHeader) {
        this.file = file;
        this.delimiter = delimiter;
        this.hasHeader = hasHeader;
    }

    /** The column names without reading the data: the header, or {@code column1…} for a file without one. */
    public List<String> header() {
        try (BufferedReader reader = open()) {
            String line = firstNonBlank(reader);
            if (line == null) {
                throw new DataException(file + " is empty; a CSV file needs " + (hasHeader ? "a header line and " : "")
                        + "at least one row");
            }
            return names(split(line, 1));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Reads the columns {@code choose} picks from the header.
     *
     * @param choose   given the header, which columns to read; may throw a {@link DataException}
     * @param progress told about the bytes read
     */
    public Table read(Function<List<String>, Selection> choose, LoadingProgress progress) {
        return read(choose, progress, Scaling.RAW);
    }

    /**
     * Reads the columns {@code choose} picks, the features scaled as {@code scaling} says.
     *
     * @param scaling {@link Scaling#RAW} (as {@link #read(Function, LoadingProgress)}), {@link Scaling#CENTERED},
     *                or standardised with known statistics, one per feature column
     */
    public Table read(Function<List<String>, Selection> choose, LoadingProgress progress, Scaling scaling) {
        List<String> header = header();
        Selection selection = choose.apply(header);
        int rows = countRows();
        if (rows == 0) {
            throw new DataException(file + (hasHeader ? " has a header but no data rows" : " has no data rows")
                    + "; add at least one row of numbers");
        }
        int[] columns = selection.featureColumns();
        int[] labelColumns = selection.labelColumns();
        if (scaling.mean != null && scaling.mean.length != columns.length) {
            throw new IllegalArgumentException("standardization for " + scaling.mean.length + " features, not "
                    + columns.length);
        }
        double[] offsets = scaling == Scaling.RAW ? null : scaling == Scaling.CENTERED ? new double[columns.length]
                : scaling.mean.clone();
        boolean text = selection.labels() == Labels.TEXT;
        long values = (long) rows * (columns.length + labelColumns.length);
        if ((long) rows * columns.length > Integer.MAX_VALUE) {
            throw new DataException(String.format(Locale.ROOT, "%s has %,d rows × %,d feature columns, more values than"
                    + " one array holds (%,d); use fewer rows or columns", file, rows, columns.length, Integer.MAX_VALUE));
        }
        Memory.require(4 * values + 4L * rows, String.format(Locale.ROOT, "the %,d rows × %,d columns of %s", rows,
                columns.length + labelColumns.length, file));
        float[] features = new float[Math.multiplyExact(rows, columns.length)];
        float[] labels = labelColumns.length > 0 && !text ? new float[Math.multiplyExact(rows, labelColumns.length)]
                : null;
        String[] labelTexts = text ? new String[rows] : null;
        Map<String, String> distinct = new HashMap<>();   // one String per class, not one per row
        int[] lines = new int[rows];
        long size = sizeOf();
        progress.started(file.getFileName().toString(), size);
        try (BufferedReader reader = open()) {
            int lineNumber = 0;
            int row = 0;
            long bytes = 0;
            boolean headerSkipped = !hasHeader;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                bytes += line.length() + 1;
                if (isBlankLine(line)) {
                    continue;
                }
                if (!headerSkipped) {
                    headerSkipped = true;
                    continue;
                }
                if (row == rows) {
                    throw changedWhileRead(rows, "more");
                }
                List<String> fields = row(line, lineNumber, header);
                if (offsets == null) {
                    for (int c = 0; c < columns.length; c++) {
                        features[row * columns.length + c] = selection.categories()
                                ? feature(fields, columns[c], header, lineNumber)
                                : number(fields, columns[c], header, lineNumber);
                    }
                } else {
                    for (int c = 0; c < columns.length; c++) {
                        double x = selection.categories() ? exactFeature(fields, columns[c], header, lineNumber)
                                : exactNumber(fields, columns[c], header, lineNumber);
                        if (row == 0 && scaling == Scaling.CENTERED) {
                            offsets[c] = x;
                        }
                        double shifted = x - offsets[c];
                        float stored = (float) (scaling.std == null ? shifted : shifted / scaling.std[c]);
                        if (!Float.isFinite(stored)) {
                            throw new DataException(where(lineNumber, columns[c], header) + " holds "
                                    + fields.get(columns[c]).strip() + ", " + (scaling.std == null
                                    ? "so far from the column's first value (" + offsets[c] + ") that their difference"
                                    : "so far from the model's training data (mean " + offsets[c] + ", std "
                                    + scaling.std[c] + ") that its standardised value") + " is beyond the range of a"
                                    + " float (about ±3.4e38); fix or drop the row");
                        }
                        features[row * columns.length + c] = stored;
                    }
                }
                if (labels != null) {
                    for (int c = 0; c < labelColumns.length; c++) {
                        labels[row * labelColumns.length + c] = label(fields, labelColumns[c], header, lineNumber,
                                selection.labels());
                    }
                } else if (text) {
                    String label = fields.get(labelColumns[0]).strip();
                    if (label.isEmpty()) {
                        throw new DataException(where(lineNumber, labelColumns[0], header)
                                + " is empty; every row needs its class label (fill or drop the row)");
                    }
                    labelTexts[row] = distinct.computeIfAbsent(label, l -> l);
                }
                lines[row] = lineNumber;
                row++;
                if ((row & 0x3fff) == 0) {
                    progress.advanced(bytes);
                }
            }
            if (row != rows) {   // the two passes disagree: never hand out rows of zeros
                throw changedWhileRead(rows, row + "");
            }
            return new Table(header, features, labels, labelTexts, rows, lines,
                    scaling.std == null ? offsets : null);
        } catch (IOException e) {
            throw unreadable(e);
        } finally {
            progress.finished();
        }
    }

    /**
     * Reads the columns {@code choose} picks as they are written, missing cells kept as missing: the
     * features named in {@code textColumns} as text, the others as numbers until a cell of text turns up,
     * from which on the column is kept as text (with its first number, for {@link TableEncoder#settle} to
     * refuse a column that mixes the two). A missing cell is an empty one or a marker ({@code NA},
     * {@code n/a}, {@code NaN}, {@code null}, {@code none}, {@code ?}, {@code -}). One pass, after the count.
     *
     * @throws TextLabelsFound when labels read as {@link Labels#NUMBERS_UNLESS_TEXT} turn out to be text
     */
    public RawColumns readColumns(Function<List<String>, Selection> choose, LoadingProgress progress,
                                  java.util.Set<String> textColumns) {
        List<String> header = header();
        Selection selection = choose.apply(header);
        int rows = countRows();
        if (rows == 0) {
            throw new DataException(file + (hasHeader ? " has a header but no data rows" : " has no data rows")
                    + "; add at least one row");
        }
        int[] columns = selection.featureColumns();
        int[] labelColumns = selection.labelColumns();
        boolean text = selection.labels() == Labels.TEXT;
        Memory.require(8L * rows * (columns.length + labelColumns.length) + 4L * rows, String.format(Locale.ROOT,
                "the %,d rows × %,d columns of %s", rows, columns.length + labelColumns.length, file));
        double[][] numbers = new double[columns.length][];
        String[][] texts = new String[columns.length][];
        List<Map<String, String>> distinct = new ArrayList<>();   // one String per category and column
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            names.add(header.get(columns[c]));
            if (textColumns.contains(header.get(columns[c]))) {
                texts[c] = new String[rows];
            } else {
                numbers[c] = new double[rows];
            }
            distinct.add(new HashMap<>());
        }
        float[] labels = labelColumns.length > 0 && !text ? new float[Math.multiplyExact(rows, labelColumns.length)]
                : null;
        String[] labelTexts = text ? new String[rows] : null;
        Map<String, String> classes = new HashMap<>();
        int[] firstNumberRow = new int[columns.length];   // per number column, its first number's row, or -1
        String[] firstNumber = new String[columns.length];
        java.util.Arrays.fill(firstNumberRow, -1);
        int[] lines = new int[rows];
        progress.started(file.getFileName().toString(), sizeOf());
        try (BufferedReader reader = open()) {
            int lineNumber = 0;
            int row = 0;
            long bytes = 0;
            boolean headerSkipped = !hasHeader;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                bytes += line.length() + 1;
                if (isBlankLine(line)) {
                    continue;
                }
                if (!headerSkipped) {
                    headerSkipped = true;
                    continue;
                }
                if (row == rows) {
                    throw changedWhileRead(rows, "more");
                }
                List<String> fields = row(line, lineNumber, header);
                for (int c = 0; c < columns.length; c++) {
                    String cell = fields.get(columns[c]).strip();
                    boolean missing = cell.isEmpty() || isMissingMarker(cell);
                    if (texts[c] != null) {
                        if (!missing) {
                            refuseControlCharacters(cell, lineNumber, columns[c], header);
                        }
                        texts[c][row] = missing ? null : distinct.get(c).computeIfAbsent(cell, t -> t);
                    } else if (missing) {
                        numbers[c][row] = Double.NaN;
                    } else {
                        try {
                            numbers[c][row] = exactFeature(fields, columns[c], header, lineNumber);
                            if (firstNumberRow[c] < 0) {
                                firstNumberRow[c] = row;
                                firstNumber[c] = cell;
                            }
                        } catch (TextFeaturesFound textCell) {
                            // The column holds text: from here on it is kept as written, and so are the cells
                            // before (its first number as written, so that TableEncoder.settle, refusing a column
                            // that mixes numbers and names, names both cells).
                            refuseControlCharacters(cell, lineNumber, columns[c], header);
                            texts[c] = new String[rows];
                            for (int r = 0; r < row; r++) {   // the numbers so far, as text (the first as written)
                                texts[c][r] = r == firstNumberRow[c] ? firstNumber[c]
                                        : Double.isNaN(numbers[c][r]) ? null : Double.toString(numbers[c][r]);
                            }
                            texts[c][row] = distinct.get(c).computeIfAbsent(cell, t -> t);
                            numbers[c] = null;
                        }
                    }
                }
                if (labels != null) {
                    for (int c = 0; c < labelColumns.length; c++) {
                        String cell = fields.get(labelColumns[c]).strip();
                        labels[row * labelColumns.length + c] = cell.isEmpty() || isMissingMarker(cell) ? Float.NaN
                                : label(fields, labelColumns[c], header, lineNumber, selection.labels());
                    }
                } else if (text) {
                    String label = fields.get(labelColumns[0]).strip();
                    labelTexts[row] = label.isEmpty() || isMissingMarker(label) ? null
                            : classes.computeIfAbsent(label, l -> l);
                }
                lines[row] = lineNumber;
                row++;
                if ((row & 0x3fff) == 0) {
                    progress.advanced(bytes);
                }
            }
            if (row != rows) {
                throw changedWhileRead(rows, row + "");
            }
        } catch (IOException e) {
            throw unreadable(e);
        } finally {
            progress.finished();
        }
        return new RawColumns(header, names, numbers, texts, labels, labelTexts, rows, lines);
    }

    /**
     * The cells of {@code columns} in every data row, as written (trimmed), in the rows of
     * {@link #read}: for copying columns such as an ID into a prediction file.
     */
    public String[][] texts(int[] columns) {
        List<String> header = header();
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = open()) {
            int lineNumber = 0;
            boolean headerSkipped = !hasHeader;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (isBlankLine(line)) {
                    continue;
                }
                if (!headerSkipped) {
                    headerSkipped = true;
                    continue;
                }
                List<String> fields = row(line, lineNumber, header);
                String[] row = new String[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    row[c] = fields.get(columns[c]).strip();
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        return rows.toArray(String[][]::new);
    }

    /** The file's rows changed between the pass that counted them and the one that read them. */
    private DataException changedWhileRead(int counted, String now) {
        return new DataException(file + " changed while it was read: it had " + counted + " data rows when they were"
                + " counted and " + now + " when they were read (another program is writing it?); read a copy that"
                + " nothing writes to");
    }

    /** A control character inside a cell (NUL, \x01 …): refused, never dropped as parsing would drop it. */
    private void refuseControlCharacters(String text, int line, int column, List<String> header) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                throw new DataException(where(line, column, header) + " holds the control character "
                        + String.format(Locale.ROOT, "U+%04X", (int) ch) + " (at character " + (i + 1) + " of the cell);"
                        + " a number is digits, a sign, a point and an exponent only: fix the file's encoding or the cell");
            }
        }
    }

    private float label(List<String> fields, int column, List<String> header, int line, Labels labels) {
        String text = fields.get(column).strip();
        refuseControlCharacters(text, line, column, header);
        if (!text.isEmpty() && !isMissingMarker(text)) {
            try {
                float value = Float.parseFloat(text);
                if (Float.isFinite(value) && !Decimals.isJavaOnly(text)) {
                    return value;   // the common case, parsed once
                }
            } catch (NumberFormatException e) {
                if (labels == Labels.NUMBERS_UNLESS_TEXT) {
                    throw new TextLabelsFound(where(line, column, header) + " holds '" + text + "'");
                }
                throw new DataException(where(line, column, header) + " holds '" + text + "', which is not a number;"
                        + " a target of class names needs a classification loss (loss = cross-entropy)");
            }
        }
        return number(fields, column, header, line);   // empty, a missing-value marker or not finite: says which
    }

    private String where(int line, int column, List<String> header) {
        return file + ":" + line + ":" + (column + 1) + ": column '" + header.get(column) + "'";
    }

    private float number(List<String> fields, int column, List<String> header, int line) {
        String text = fields.get(column).strip();
        if (text.isEmpty()) {
            throw new DataException(where(line, column, header)
                    + " is empty, a missing value; fill it, or set data.missing (drop, mean, median, most-frequent or"
                    + " constant)");
        }
        refuseControlCharacters(text, line, column, header);
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new DataException(where(line, column, header) + " holds '" + text + "', which is not a number"
                    + (isMissingMarker(text) ? " but a missing value; fill it, or set data.missing (drop, mean, median,"
                    + " most-frequent or constant)" : ""));
        }
        if (!Float.isFinite(value)) {
            throw new DataException(where(line, column, header) + " holds '" + text + "', which is not a finite float"
                    + " (NaN, infinite, or beyond ±3.4e38); fix or drop the row");
        }
        if (Decimals.isJavaOnly(text)) {
            throw new DataException(where(line, column, header) + " holds '" + text + "', "
                    + Decimals.javaOnlyAdvice(text));
        }
        return value;
    }

    /**
     * A feature cell as {@link #number} reads it; text that is no number and no missing-value marker is a
     * category ({@link TextFeaturesFound}). The check runs only on a cell {@link #number} refuses, so reading
     * numbers costs what it did.
     */
    private float feature(List<String> fields, int column, List<String> header, int line) {
        try {
            return number(fields, column, header, line);
        } catch (DataException e) {
            throw textOr(e, fields, column, header, line);
        }
    }

    /** A feature cell as {@link #exactNumber} reads it; text as {@link #feature} says. */
    private double exactFeature(List<String> fields, int column, List<String> header, int line) {
        try {
            return exactNumber(fields, column, header, line);
        } catch (DataException e) {
            throw textOr(e, fields, column, header, line);
        }
    }

    /** {@link TextFeaturesFound} for a cell of text, else {@code refused} as it is. */
    private RuntimeException textOr(DataException refused, List<String> fields, int column, List<String> header,
                                    int line) {
        String text = fields.get(column).strip();
        if (!text.isEmpty() && !isMissingMarker(text) && !isNumber(text)) {
            return new TextFeaturesFound(List.of(header.get(column)), where(line, column, header) + " holds '" + text
                    + "'");
        }
        return refused;
    }

    /**
     * Whether a cell reads as a number at all (Java's own spellings such as {@code 1f} or {@code 0x1p3}
     * included, so that {@link #number} can name them), rather than being text such as {@code RL}.
     */
    private static boolean isNumber(String text) {
        if (DECIMAL_COMMA.matcher(text).matches()) {
            return true;   // a decimal comma: number() says so, rather than reading it as a category
        }
        char first = text.charAt(0);
        if (!(first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.')) {
            return text.equalsIgnoreCase("infinity") || text.equalsIgnoreCase("inf");
        }
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A feature cell as a double, checked as {@link #number} checks it (a finite float's range). */
    private double exactNumber(List<String> fields, int column, List<String> header, int line) {
        float checked = number(fields, column, header, line);   // every check and message in one place
        double value = Double.parseDouble(fields.get(column).strip());
        return Double.isFinite(value) ? value : checked;
    }

    /**
     * Whether a cell (trimmed) is a missing value: empty, or {@code NA}, {@code N/A}, {@code NaN},
     * {@code null}, {@code None}, {@code ?} or {@code -} in any case.
     */
    public static boolean isMissing(String cell) {
        return cell.isEmpty() || isMissingMarker(cell);
    }

    /**
     * Whether a cell (trimmed, not missing) is a number rather than text such as {@code RL}: a column
     * with a cell that is not is a category column.
     */
    public static boolean isNumberText(String cell) {
        return isNumber(cell);
    }

    private static boolean isMissingMarker(String text) {
        String t = text.toLowerCase();
        return t.equals("na") || t.equals("n/a") || t.equals("nan") || t.equals("null") || t.equals("none")
                || t.equals("?") || t.equals("-");
    }

    private List<String> names(List<String> firstRow) {
        if (hasHeader) {
            List<String> names = new ArrayList<>(firstRow.size());
            java.util.Set<String> seen = new java.util.HashSet<>(2 * firstRow.size());   // linear, for wide files
            for (int i = 0; i < firstRow.size(); i++) {
                String name = firstRow.get(i).strip();
                if (name.isEmpty()) {
                    throw new DataException(file + ":1:" + (i + 1) + ": the header's column " + (i + 1)
                            + " has no name; name every column, or set data.header = false");
                }
                if (!seen.add(name)) {
                    throw new DataException(file + ":1:" + (i + 1) + ": the header names column '" + name
                            + "' twice; column names must be unique");
                }
                names.add(name);
            }
            return names;
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= firstRow.size(); i++) {
            names.add("column" + i);
        }
        return names;
    }

    /** Splits one line on the delimiter, honouring double quotes. */
    /** A data line's fields, one per column of {@code header}, or a {@link DataException} saying how many it has. */
    private List<String> row(String line, int lineNumber, List<String> header) {
        List<String> fields = split(line, lineNumber);
        if (fields.size() != header.size()) {
            throw new DataException(file + ":" + lineNumber + ": the row has " + fields.size() + " fields but the "
                    + (hasHeader ? "header has " : "first row has ") + header.size()
                    + "; every row needs one value per column");
        }
        return fields;
    }

    List<String> split(String line, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(file + ":" + lineNumber + ": a quoted field is not closed; end it with \"");
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * Counts the rows as {@link #read} will meet them, from the bytes: lines end at {@code \n},
     * {@code \r} or {@code \r\n} (as {@link BufferedReader#readLine}), a line of nothing but
     * {@link #isBlankChar blank characters} is skipped, and a leading byte order mark is not content.
     */
    private int countRows() {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int rows = 0;
            boolean lineHasContent = false;
            int n;
            int start = skipByteOrderMark(in, buffer);
            while ((n = start > 0 ? start : in.read(buffer)) > 0) {
                start = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        if (lineHasContent) {
                            rows++;
                        }
                        lineHasContent = false;
                    } else if (!isBlankChar(b)) {
                        lineHasContent = true;
                    }
                }
            }
            if (lineHasContent) {
                rows++;
            }
            return hasHeader ? Math.max(0, rows - 1) : rows;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Reads the first bytes into {@code buffer} and drops a UTF-8 byte order mark from them.
     *
     * @return how many bytes of {@code buffer} are to be counted (0 at the end of the file)
     */
    private static int skipByteOrderMark(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
            System.arraycopy(buffer, 3, buffer, 0, n - 3);
            return n - 3;
        }
        return n;
    }

    /**
     * The characters a blank line may hold: ASCII white space other than the line ends. Both passes
     * over a file use this one definition, so they agree on which lines are rows (a line of
     * Unicode spaces is content, and is refused as a row with too few fields).
     */
    private static boolean isBlankChar(int c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || (c >= 0x1C && c <= 0x1F);
    }

    private static boolean isBlankLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isBlankChar(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private long sizeOf() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private BufferedReader open() throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataException(file + " is a directory; data.path must name a CSV file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // /dev/zero would be read without end; a pipe cannot be read twice (rows are counted first).
            throw new DataException(file + " is not a regular file (a device, a FIFO or a socket); the CSV reader reads"
                    + " a file twice, first to count its rows: save the data to a file and give its path");
        }
        refuseOtherFormats();
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8), 1 << 16);
        // A UTF-8 byte order mark (Excel writes one) is not part of the first column's name.
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /**
     * A file that is not UTF-8 text is named for what it looks like: UTF-16 or UTF-32 (a byte order
     * mark, or NUL bytes between letters), gzip, zip, or other binary data.
     */
    private void refuseOtherFormats() throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String looks = null;
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            looks = "is gzip-compressed; decompress it first (gunzip " + file.getFileName() + ")";
        } else if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            looks = "is a zip archive (or an Excel .xlsx file); extract the CSV file, or export the sheet as CSV";
        } else if (n >= 4 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE && head[2] == 0 && head[3] == 0
                || head[0] == 0 && head[1] == 0 && (head[2] & 0xFF) == 0xFE && (head[3] & 0xFF) == 0xFF)) {
            looks = "is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8";
        } else if (n >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            looks = "is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8";
        } else {
            int nuls = 0;
            for (int i = 0; i < n; i++) {
                if (head[i] == 0) {
                    nuls++;
                }
            }
            if (nuls > 0 && nuls * 4 >= n) {   // a NUL or two in a cell is that cell's error (file:line:column)
                looks = "looks like UTF-16 text (every other byte of its start is NUL); save it as UTF-8";
            }
        }
        if (looks != null) {
            throw new DataException(file + " is not a UTF-8 CSV file: it " + looks);
        }
    }

    private static String firstNonBlank(BufferedReader reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (!isBlankLine(line)) {
                return line;
            }
        }
        return null;
    }

    private DataException unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException("data file " + file + " does not exist"
                    + (file.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")")
                    + "; check data.path");
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new DataException("cannot read " + file + ": permission denied; make it readable (chmod) or read a"
                    + " copy you may read", e);
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            if (reason.contains("Too many levels of symbolic links")) {
                return new DataException("cannot read " + file + ": it is a loop of symbolic links; point data.path at"
                        + " the file itself", e);
            }
            return new DataException("cannot read " + file + ": " + reason.toLowerCase(Locale.ROOT), e);
        }
        return new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
}
