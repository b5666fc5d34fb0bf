package dev.descent.eval;

import java.util.List;
import java.util.Locale;

/**
 * How well predicted classes match the true ones, computed in double precision, with the
 * definitions scikit-learn's {@code classification_report} uses.
 *
 * <p>For class {@code c}: precision is the share of rows predicted {@code c} that are {@code c}
 * (0 when none is predicted {@code c}), recall the share of rows of class {@code c} predicted
 * {@code c} (0 when there are none), F1 their harmonic mean (0 when both are 0). Macro F1 is the
 * plain mean over classes, weighted F1 the mean weighted by each class's support (its true rows).
 * Log-loss is the mean of {@code −log p(true class)}, each probability clipped to at least
 * {@code 1e-15} so that one confident mistake gives a large but finite figure.
 *
 * @param classes   the class names, in index order
 * @param confusion {@code confusion[t][p]}: rows of true class {@code t} predicted as {@code p}
 * @param accuracy  the share of rows predicted right
 * @param precision per class
 * @param recall    per class
 * @param f1        per class
 * @param support   rows per true class
 * @param macroF1   the mean of the classes' F1
 * @param weightedF1 the support-weighted mean of the classes' F1
 * @param logLoss   the mean negative log-probability of the true class; NaN without probabilities
 */
public record ClassificationMetrics(List<String> classes, long[][] confusion, int examples, double accuracy,
                                    double[] precision, double[] recall, double[] f1, long[] support, double macroF1,
                                    double weightedF1, double logLoss) {

    /** Probabilities below this count as this, as scikit-learn's {@code log_loss} clips them. */
    public static final double LOG_LOSS_EPSILON = 1e-15;

    /**
     * The metrics of {@code predicted} classes against {@code actual} ones (indices into
     * {@code classes}, same length, at least one), with {@code probabilities} ({@code rows × classes},
     * row-major) for the log-loss, or {@code null} without them.
     */
    public static ClassificationMetrics of(int[] predicted, int[] actual, double[] probabilities, List<String> classes) {
        int n = actual.length;
        int k = classes.size();
        if (predicted.length != n || n == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + n + " labels");
        }
        if (probabilities != null && probabilities.length != (long) n * k) {
            throw new IllegalArgumentException(probabilities.length + " probabilities are not " + n + " rows × " + k
                    + " classes");
        }
        long[][] confusion = new long[k][k];
        long right = 0;
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            confusion[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) {
                right++;
            }
            if (probabilities != null) {
                logLoss -= Math.log(Math.max(LOG_LOSS_EPSILON, probabilities[i * k + actual[i]]));
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        long[] support = new long[k];
        double macro = 0;
        double weighted = 0;
        for (int c = 0; c < k; c++) {
            long truePositive = confusion[c][c];
            long predictedC = 0;
            for (int t = 0; t < k; t++) {
                predictedC += confusion[t][c];
                support[c] += confusion[c][t];
            }
            precision[c] = predictedC == 0 ? 0 : (double) truePositive / predictedC;
            recall[c] = support[c] == 0 ? 0 : (double) truePositive / support[c];
            double sum = precision[c] + recall[c];
            f1[c] = sum == 0 ? 0 : 2 * precision[c] * recall[c] / sum;
            macro += f1[c];
            weighted += f1[c] * support[c];
        }
        return new ClassificationMetrics(List.copyOf(classes), confusion, n, (double) right / n, precision, recall, f1,
                support, macro / k, weighted / n, probabilities == null ? Double.NaN : logLoss / n);
    }

    /** A metric by name: {@code accuracy}, {@code macro-f1}, {@code weighted-f1} or {@code log-loss}. */
    public double metric(String name) {
        return switch (name) {
            case "accuracy" -> accuracy;
            case "macro-f1" -> macroF1;
            case "weighted-f1" -> weightedF1;
            case "log-loss" -> logLoss;
            default -> throw new IllegalArgumentException("no metric '" + name
                    + "'; the metrics are accuracy, macro-f1, weighted-f1, log-loss");
        };
    }

    /** Per class: precision, recall, F1 and support, one row each, columns aligned. */
    public String report() {
        int width = Math.max("class".length(), longestName());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %9s  %6s  %6s  %7s%n", "class",
                "precision", "recall", "F1", "support"));
        for (int c = 0; c < classes.size(); c++) {
            s.append(String.format(Locale.ROOT, "%-" + width + "s  %9.4f  %6.4f  %6.4f  %7d%n", classes.get(c),
                    precision[c], recall[c], f1[c], support[c]));
        }
        return s.toString();
    }

    /** The confusion matrix with the class names: true classes down, predicted across. */
    public String confusionTable() {
        int nameWidth = Math.max("true \\ predicted".length(), longestName());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", "true \\ predicted"));
        int[] widths = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            long largest = 0;
            for (long[] row : confusion) {
                largest = Math.max(largest, row[c]);
            }
            widths[c] = Math.max(classes.get(c).length(), Long.toString(largest).length());
            s.append("  ").append(String.format(Locale.ROOT, "%" + widths[c] + "s", classes.get(c)));
        }
        s.append(System.lineSeparator());
        for (int t = 0; t < classes.size(); t++) {
            s.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", classes.get(t)));
            for (int p = 0; p < classes.size(); p++) {
                s.append("  ").append(String.format(Locale.ROOT, "%" + widths[p] + "d", confusion[t][p]));
            }
            s.append(System.lineSeparator());
        }
        return s.toString();
    }

    private int longestName() {
        return classes.stream().mapToInt(String::length).max().orElse(0);
    }
}
