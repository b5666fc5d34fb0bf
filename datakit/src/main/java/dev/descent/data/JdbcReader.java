package dev.descent.data;

import dev.descent.api.DataException;
import dev.descent.api.LoadingProgress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a query's result into float arrays (and class labels as text), as {@link CsvReader} reads a
 * file: the same {@link CsvReader.Selection}, {@link CsvReader.Scaling} and {@link CsvReader.Table},
 * so a table trains alike from either.
 *
 * <p>Memory: the rows are counted first ({@code SELECT count(*)} over the query), so the arrays are
 * allocated once at their exact size; then the rows stream from the cursor, {@code fetchSize} at a
 * time, each value read as a double and stored as a float. Nothing is boxed and the result is never
 * held twice. A SQL {@code NULL} is a missing value, named with its row and column.
 */
public final class JdbcReader {

    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL);

    private final Connection connection;
    private final String query;
    private final String source;
    private final int fetchSize;

    /**
     * @param query     a query returning rows (a trailing semicolon is dropped)
     * @param source    what the rows are, for messages: e.g. {@code the query's result} or {@code table houses}
     * @param fetchSize how many rows the driver fetches at a time
     */
    public JdbcReader(Connection connection, String query, String source, int fetchSize) {
        this.connection = connection;
        this.query = withoutSemicolon(query);
        this.source = source;
        this.fetchSize = fetchSize;
    }

    /** Where a row is, for messages: {@code row 12 of the query's result}. */
    public static String row(String source, int row) {
        return "row " + row + " of " + source;
    }

    /**
     * Reads the columns {@code choose} picks, the features scaled as {@code scaling} says.
     *
     * @throws SQLException             what the database said (a query that fails, a lost connection)
     * @throws CsvReader.TextLabelsFound when labels are read as {@link CsvReader.Labels#NUMBERS_UNLESS_TEXT}
     *                                   and the label column is not of a numeric type
     */
    public CsvReader.Table read(Function<List<String>, CsvReader.Selection> choose, LoadingProgress progress,
                                CsvReader.Scaling scaling) throws SQLException {
        return query(choose, (result, meta, header, selection, counted) -> {
            checkTypes(meta, header, selection);
            int[] columns = selection.featureColumns();
            int rows = rows(counted, columns.length);
            if (scaling.mean != null && scaling.mean.length != columns.length) {
                throw new IllegalArgumentException("standardization for " + scaling.mean.length + " features, not "
                        + columns.length);
            }
            return read(result, header, selection, rows, progress, scaling);
        });
    }

    /** What is done with the query's rows, once its columns are chosen. */
    @FunctionalInterface
    private interface Cursor<T> {
        T read(ResultSet result, ResultSetMetaData meta, List<String> header, CsvReader.Selection selection,
               long counted) throws SQLException;
    }

    /** Counts the query's rows, then runs it streaming, chooses the columns and hands the cursor on. */
    private <T> T query(Function<List<String>, CsvReader.Selection> choose, Cursor<T> cursor) throws SQLException {
        long counted = count();
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            try (ResultSet result = statement.executeQuery(query)) {
                ResultSetMetaData meta = result.getMetaData();
                List<String> header = header(meta);
                return cursor.read(result, meta, header, choose.apply(header), counted);
            }
        }
    }

    /** The row count as an array size: none, or more than one array of {@code columns} per row holds, is refused. */
    private int rows(long counted, int columns) {
        if (counted == 0) {
            throw new DataException(source + " has no rows; the query must return at least one");
        }
        if (counted * Math.max(1, columns) > Integer.MAX_VALUE) {
            throw new DataException(String.format(Locale.ROOT, "%s has %,d rows × %,d feature columns, more values"
                    + " than one array holds (%,d); use fewer rows or columns", source, counted, columns,
                    Integer.MAX_VALUE));
        }
        return (int) counted;
    }

    private CsvReader.Table read(ResultSet result, List<String> header, CsvReader.Selection selection, int rows,
                                 LoadingProgress progress, CsvReader.Scaling scaling) throws SQLException {
        int[] columns = selection.featureColumns();
        int[] labelColumns = selection.labelColumns();
        boolean text = selection.labels() == CsvReader.Labels.TEXT;
        double[] offsets = scaling == CsvReader.Scaling.RAW ? null
                : scaling == CsvReader.Scaling.CENTERED ? new double[columns.length] : scaling.mean.clone();
        long values = (long) rows * (columns.length + labelColumns.length);
        Memory.require(4 * values, String.format(Locale.ROOT, "the %,d rows × %,d columns of %s", rows,
                columns.length + labelColumns.length, source));
        float[] features = new float[Math.multiplyExact(rows, columns.length)];
        float[] labels = labelColumns.length > 0 && !text ? new float[Math.multiplyExact(rows, labelColumns.length)]
                : null;
        String[] labelTexts = text ? new String[rows] : null;
        Map<String, String> distinct = new HashMap<>();   // one String per class, not one per row
        long bytesPerRow = 8L * (columns.length + labelColumns.length);
        progress.started(source, bytesPerRow * rows);
        try {
            int row = 0;
            while (result.next()) {
                if (row == rows) {
                    throw changedWhileRead(rows, "more");
                }
                int number = row + 1;
                for (int c = 0; c < columns.length; c++) {
                    double x = number(result, columns[c], header, number, "a feature");
                    float stored;
                    if (offsets == null) {
                        stored = (float) x;
                    } else {
                        if (row == 0 && scaling == CsvReader.Scaling.CENTERED) {
                            offsets[c] = x;
                        }
                        double shifted = x - offsets[c];
                        stored = (float) (scaling.std == null ? shifted : shifted / scaling.std[c]);
                    }
                    if (!Float.isFinite(stored)) {
                        throw new DataException(where(number, columns[c], header) + " holds " + x + ", " + (offsets == null
                                ? "which is beyond the range of a float (about ±3.4e38)" : scaling.std == null
                                ? "so far from the column's first value (" + offsets[c] + ") that their difference is"
                                + " beyond the range of a float (about ±3.4e38)"
                                : "so far from the model's training data (mean " + offsets[c] + ", std "
                                + scaling.std[c] + ") that its standardised value is beyond the range of a float")
                                + "; fix or leave out the row");
                    }
                    features[row * columns.length + c] = stored;
                }
                if (labels != null) {
                    for (int c = 0; c < labelColumns.length; c++) {
                        labels[row * labelColumns.length + c] = (float) number(result, labelColumns[c], header, number,
                                "a label");
                    }
                } else if (text) {
                    String label = result.getString(labelColumns[0] + 1);
                    label = label == null ? "" : label.strip();
                    if (label.isEmpty()) {
                        throw new DataException(where(number, labelColumns[0], header) + " is "
                                + (result.wasNull() ? "NULL" : "empty") + "; every row needs its class label (fill it"
                                + " or leave the row out of the query)");
                    }
                    labelTexts[row] = distinct.computeIfAbsent(label, l -> l);
                }
                row++;
                if ((row & 0x3fff) == 0) {
                    progress.advanced(bytesPerRow * row);
                }
            }
            if (row != rows) {   // the count and the rows disagree: never hand out rows of zeros
                throw changedWhileRead(rows, row + "");
            }
            // No line numbers: a row's number is its index + 1 (and 4 bytes a row saved).
            return new CsvReader.Table(header, features, labels, labelTexts, rows, null,
                    scaling.std == null ? offsets : null);
        } finally {
            progress.finished();
        }
    }

    /**
     * Reads the columns {@code choose} picks as they are, SQL NULLs kept as missing: feature columns of
     * a text type, and those named in {@code textColumns}, as text; the others as numbers.
     *
     * @throws SQLException              what the database said
     * @throws CsvReader.TextLabelsFound when labels are read as {@link CsvReader.Labels#NUMBERS_UNLESS_TEXT}
     *                                   and the label column is not of a numeric type
     */
    public RawColumns readColumns(Function<List<String>, CsvReader.Selection> choose, LoadingProgress progress,
                                  Set<String> textColumns) throws SQLException {
        return query(choose, (result, meta, header, selection, counted) -> {
            checkLabelTypes(meta, header, selection);
            int rows = rows(counted, 1);
            int[] columns = selection.featureColumns();
            int[] labelColumns = selection.labelColumns();
            boolean text = selection.labels() == CsvReader.Labels.TEXT;
            Memory.require(8L * rows * (columns.length + labelColumns.length), String.format(Locale.ROOT,
                    "the %,d rows × %,d columns of %s", rows, columns.length + labelColumns.length, source));
            double[][] numbers = new double[columns.length][];
            String[][] texts = new String[columns.length][];
            List<Map<String, String>> distinct = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                names.add(header.get(columns[c]));
                if (isText(meta.getColumnType(columns[c] + 1)) || textColumns.contains(header.get(columns[c]))) {
                    texts[c] = new String[rows];
                } else {
                    numbers[c] = new double[rows];
                }
                distinct.add(new HashMap<>());
            }
            float[] labels = labelColumns.length > 0 && !text
                    ? new float[Math.multiplyExact(rows, labelColumns.length)] : null;
            String[] labelTexts = text ? new String[rows] : null;
            Map<String, String> classes = new HashMap<>();
            long bytesPerRow = 8L * (columns.length + labelColumns.length);
            progress.started(source, bytesPerRow * rows);
            try {
                int row = 0;
                while (result.next()) {
                    if (row == rows) {
                        throw changedWhileRead(rows, "more");
                    }
                    for (int c = 0; c < columns.length; c++) {
                        if (texts[c] != null) {
                            String cell = result.getString(columns[c] + 1);
                            cell = cell == null ? null : cell.strip();
                            texts[c][row] = cell == null || cell.isEmpty() ? null
                                    : distinct.get(c).computeIfAbsent(cell, t -> t);
                        } else {
                            numbers[c][row] = numberOrMissing(result, columns[c], header, row + 1, "a feature");
                        }
                    }
                    if (labels != null) {
                        for (int c = 0; c < labelColumns.length; c++) {
                            labels[row * labelColumns.length + c] = (float) numberOrMissing(result, labelColumns[c],
                                    header, row + 1, "a label");
                        }
                    } else if (text) {
                        String label = result.getString(labelColumns[0] + 1);
                        label = label == null ? null : label.strip();
                        labelTexts[row] = label == null || label.isEmpty() ? null
                                : classes.computeIfAbsent(label, l -> l);
                    }
                    row++;
                    if ((row & 0x3fff) == 0) {
                        progress.advanced(bytesPerRow * row);
                    }
                }
                if (row != rows) {
                    throw changedWhileRead(rows, row + "");
                }
            } finally {
                progress.finished();
            }
            return new RawColumns(header, names, numbers, texts, labels, labelTexts, rows, null);
        });
    }

    /**
     * A cell as a double, NULL as {@code NaN} (a missing value); a value the driver cannot read as a
     * number, or NaN/infinity stored in the table, is an error naming the cell.
     */
    private double numberOrMissing(ResultSet result, int column, List<String> header, int row, String what)
            throws SQLException {
        double x;
        try {
            x = result.getDouble(column + 1);
        } catch (SQLException e) {
            throw new DataException(where(row, column, header) + " cannot be read as a number (" + firstLine(e)
                    + "); " + what + " must be numeric: cast it in the query");
        }
        if (result.wasNull()) {
            return Double.NaN;
        }
        if (!Double.isFinite(x)) {
            throw new DataException(where(row, column, header) + " holds " + x + ", which is not a finite number; fix"
                    + " or leave out the row");
        }
        return x;
    }

    /** A cell as a double: NULL, a value the driver cannot read as a number, or NaN/infinity are named. */
    private double number(ResultSet result, int column, List<String> header, int row, String what)
            throws SQLException {
        double x = numberOrMissing(result, column, header, row, what);
        if (Double.isNaN(x)) {   // only NULL reads as NaN
            throw new DataException(where(row, column, header) + " is NULL, a missing value; set data.missing (drop,"
                    + " mean, median, most-frequent or constant), fill it in the query (COALESCE(" + header.get(column)
                    + ", …)) or leave the row out (WHERE " + header.get(column) + " IS NOT NULL)");
        }
        return x;
    }

    /** The result's row count, from {@code SELECT count(*)} over the query. */
    private long count() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM (" + query + ") AS descent_rows")) {
            result.next();
            return result.getLong(1);
        }
    }

    private List<String> header(ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            String name = meta.getColumnLabel(c);
            if (!seen.add(name)) {
                throw new DataException(source + " has two columns named '" + name + "'; name them apart in the query"
                        + " (SELECT a.x AS x1, b.x AS x2 …)");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Columns of types that cannot be features or numeric labels are refused before any row is read;
     * a label column that is not numeric makes {@link CsvReader.Labels#NUMBERS_UNLESS_TEXT} classify.
     */
    private void checkTypes(ResultSetMetaData meta, List<String> header, CsvReader.Selection selection)
            throws SQLException {
        List<String> text = new ArrayList<>();
        for (int c : selection.featureColumns()) {
            if (isText(meta.getColumnType(c + 1))) {
                text.add(header.get(c));
            }
        }
        if (!text.isEmpty() && selection.categories()) {   // categories: read the columns as they are (readColumns)
            throw new CsvReader.TextFeaturesFound(text, "column '" + text.get(0) + "' of " + source + " is text");
        }
        for (int c : selection.featureColumns()) {
            if (isText(meta.getColumnType(c + 1))) {
                throw new DataException("column '" + header.get(c) + "' of " + source + " is text ("
                        + meta.getColumnTypeName(c + 1) + "); a feature here must be numeric: cast it in the query,"
                        + " or leave it out");
            }
        }
        checkLabelTypes(meta, header, selection);
    }

    /** A label column that is not numeric makes {@link CsvReader.Labels#NUMBERS_UNLESS_TEXT} classify. */
    private void checkLabelTypes(ResultSetMetaData meta, List<String> header, CsvReader.Selection selection)
            throws SQLException {
        if (selection.labels() != CsvReader.Labels.TEXT) {
            for (int c : selection.labelColumns()) {
                int type = meta.getColumnType(c + 1);
                if (!NUMERIC.contains(type)) {
                    String found = "column '" + header.get(c) + "' of " + source + " is of type "
                            + meta.getColumnTypeName(c + 1);
                    if (selection.labels() == CsvReader.Labels.NUMBERS_UNLESS_TEXT) {
                        throw new CsvReader.TextLabelsFound(found);
                    }
                    if (isText(type)) {
                        throw new DataException(found + ", not a number; a target of class names needs a"
                                + " classification loss (loss = cross-entropy)");
                    }
                }
            }
        }
    }

    private static boolean isText(int type) {
        return type == Types.CHAR || type == Types.VARCHAR || type == Types.LONGVARCHAR || type == Types.NCHAR
                || type == Types.NVARCHAR || type == Types.LONGNVARCHAR || type == Types.CLOB;
    }

    private String where(int row, int column, List<String> header) {
        return row(source, row) + ": column '" + header.get(column) + "'";
    }

    private DataException changedWhileRead(int counted, String now) {
        return new DataException(source + " changed while it was read: the query counted " + counted + " rows, then"
                + " returned " + now + " (another program is writing the table?); read a snapshot (a copy, or a"
                + " query that orders and limits its rows)");
    }

    /**
     * The first line of an exception's message (drivers add hints and positions on more lines),
     * without a closing full stop: messages go on after it.
     */
    public static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;   // a sentence goes on after it
    }

    private static String withoutSemicolon(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }
}
