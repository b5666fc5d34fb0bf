package dev.descent.spark;

import java.io.Serializable;

/**
 * The rows of one Spark partition as the trainer uses them: features and labels row-major, like a
 * {@link dev.descent.api.Dataset}'s, and the global index of the first row. A partition holds
 * one block, kept in the executor's memory for the whole run.
 *
 * @param first    the global index of row 0: rows {@code first … first + rows − 1} of the data set
 * @param rows     how many rows
 * @param features features per row
 * @param outputs  label values per row
 * @param x        {@code rows × features} values
 * @param y        {@code rows × outputs} values (class indices for classification)
 */
record Block(long first, int rows, int features, int outputs, float[] x, float[] y) implements Serializable {

    Block {
        if ((long) rows * features != x.length || (long) rows * outputs != y.length) {
            throw new IllegalArgumentException("a block of " + rows + " rows holds " + x.length + " feature and "
                    + y.length + " label values");
        }
    }

    static Block empty(long first, int features, int outputs) {
        return new Block(first, 0, features, outputs, new float[0], new float[0]);
    }
}
