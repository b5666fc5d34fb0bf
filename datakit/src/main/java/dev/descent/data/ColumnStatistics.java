package dev.descent.data;

import dev.descent.api.Standardization;

/** Each column's mean and population standard deviation, in double, as standardisation fits them. */
public final class ColumnStatistics {

    private ColumnStatistics() {
    }

    /**
     * The statistics of the {@code columns} columns of {@code rows × columns} values (row-major), in one
     * numerically stable pass (Welford). A constant column has a standard deviation of 0 (or nearly):
     * callers refuse it with {@link #isConstant} and a message that names it.
     */
    public static Standardization of(float[] values, int rows, int columns) {
        double[] mean = new double[columns];
        double[] m2 = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double delta = values[i * columns + j] - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (values[i * columns + j] - mean[j]);
            }
        }
        double[] std = new double[columns];
        for (int j = 0; j < columns; j++) {
            std[j] = Math.sqrt(m2[j] / rows);
        }
        return new Standardization(mean, std);
    }

    /**
     * {@code statistics} with the features that are not numbers (one-hot and indicator features,
     * {@code number[j] == false}) left as they are: mean 0, standard deviation 1. Unchanged when
     * {@code number} is null (every feature a number).
     */
    public static Standardization numbersOnly(Standardization statistics, boolean[] number) {
        if (number == null) {
            return statistics;
        }
        double[] mean = statistics.mean().clone();
        double[] std = statistics.std().clone();
        for (int j = 0; j < number.length; j++) {
            if (!number[j]) {
                mean[j] = 0;
                std[j] = 1;
            }
        }
        return new Standardization(mean, std);
    }

    /** Whether column {@code j} is too nearly constant to be divided by its standard deviation. */
    public static boolean isConstant(Standardization statistics, int j) {
        return !(statistics.std()[j] > 1e-12 * Math.max(1, Math.abs(statistics.mean()[j])));
    }
}
