package dev.descent.eval;

/**
 * How well predictions match targets, computed in double precision.
 *
 * @param examples how many pairs
 * @param mse      mean squared error, mean((ŷ − y)²)
 * @param rmse     √mse, in the target's unit
 * @param mae      mean absolute error, mean(|ŷ − y|)
 * @param r2       coefficient of determination, 1 − Σ(ŷ − y)² / Σ(y − ȳ)²: 1 is perfect, 0 is no better
 *                 than predicting the mean (NaN when every target is the same)
 */
public record RegressionMetrics(int examples, double mse, double rmse, double mae, double r2) {

    /** The metrics of {@code predictions} against {@code targets} (same length, at least one). */
    public static RegressionMetrics of(float[] predictions, float[] targets) {
        if (predictions.length != targets.length || targets.length == 0) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + targets.length + " targets");
        }
        int n = targets.length;
        double mean = 0;
        for (float y : targets) {
            mean += y;
        }
        mean /= n;
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double error = (double) predictions[i] - targets[i];
            squared += error * error;
            absolute += Math.abs(error);
            double spread = targets[i] - mean;
            total += spread * spread;
        }
        double mse = squared / n;
        return new RegressionMetrics(n, mse, Math.sqrt(mse), absolute / n, total == 0 ? Double.NaN : 1 - squared / total);
    }
}
