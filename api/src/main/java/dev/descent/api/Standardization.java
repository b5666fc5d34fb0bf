package dev.descent.api;

import java.util.Arrays;

/**
 * Per-feature z-scores, {@code x' = (x − mean) / std}, with the statistics of the training data. A
 * trained model keeps them so that new data is scaled the same way.
 *
 * @param mean one mean per feature
 * @param std  one (population) standard deviation per feature, each &gt; 0
 */
public record Standardization(double[] mean, double[] std) {

    public Standardization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    public int features() {
        return mean.length;
    }

    /** Scales {@code rows × features()} values (row-major) in place. */
    public void apply(float[] values, int rows) {
        int d = mean.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                values[i * d + j] = (float) ((values[i * d + j] - mean[j]) / std[j]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
