package dev.descent.data;

import java.util.List;

/**
 * A table's chosen columns as read, before anything is filled or encoded: for tables with missing
 * cells or text feature columns (see {@link TableEncoder}). Numbers are kept as doubles, so filling
 * and standardising round to float once, as the plain path does.
 *
 * @param header     the table's column names
 * @param names      the chosen feature columns' names, in order
 * @param numbers    per feature column, its cells as numbers ({@code NaN} = missing), or {@code null} for a
 *                   text column
 * @param texts      per feature column, its cells as written, trimmed ({@code null} = missing), or
 *                   {@code null} for a number column
 * @param labels     {@code rows × labelColumns} numbers ({@code NaN} = missing), or {@code null} when the
 *                   labels were read as text or none were chosen
 * @param labelTexts one label per row as written ({@code null} = missing), when read as text; else {@code null}
 * @param rows       the number of data rows
 * @param lines      the line number of each row, or {@code null} when rows are numbered from 1 in order
 */
public record RawColumns(List<String> header, List<String> names, double[][] numbers, String[][] texts,
                         float[] labels, String[] labelTexts, int rows, int[] lines) implements java.io.Serializable {

    /** Whether feature column {@code c} holds text. */
    public boolean isText(int c) {
        return texts[c] != null;
    }

    /** Whether feature column {@code c} misses its value in {@code row}. */
    public boolean isMissing(int c, int row) {
        return texts[c] != null ? texts[c][row] == null : Double.isNaN(numbers[c][row]);
    }

    /** The line (or row number from 1) of {@code row}, for messages. */
    public int line(int row) {
        return lines == null ? row + 1 : lines[row];
    }
}
