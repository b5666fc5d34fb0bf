package dev.descent.experiment;

import dev.descent.api.Dataset;
import dev.descent.eval.ClassificationMetrics;
import dev.descent.eval.RegressionMetrics;
import dev.descent.predict.Predictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures an experiment reports of a trained model on some rows: for regression the loss, RMSE,
 * MAE, R² and the book's log-RMSE; for classification the loss, accuracy, log-loss and macro-F1.
 */
public final class Scores {

    /** The figures of a regression, in the order they are printed. */
    public static final List<String> REGRESSION = List.of("loss", "RMSE", "MAE", "R²", "log-RMSE");
    /** The figures of a classification, in the order they are printed. */
    public static final List<String> CLASSIFICATION = List.of("loss", "accuracy", "log-loss", "macro-F1");

    private Scores() {
    }

    /** The figures of a task: log-RMSE only when every target is positive (it compares logarithms). */
    public static List<String> names(boolean classification, float[] targets) {
        if (classification) {
            return CLASSIFICATION;
        }
        List<String> names = new ArrayList<>(REGRESSION);
        for (float y : targets) {
            if (!(y > 0)) {
                names.remove("log-RMSE");
                break;
            }
        }
        return List.copyOf(names);
    }

    /** Whether a larger value of the figure is better (accuracy, R², macro-F1) rather than a smaller one. */
    public static boolean higherIsBetter(String figure) {
        return figure.equals("accuracy") || figure.equals("R²") || figure.equals("macro-F1");
    }

    /** The figure {@code typed} names among {@code names}, ignoring case ({@code rmse}, {@code r2} for R²). */
    public static Optional<String> named(String typed, List<String> names) {
        String wanted = typed.toLowerCase(Locale.ROOT).replace("r2", "r²");
        return names.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /**
     * The figures {@code names} of {@code predictor}'s model on {@code data}'s rows (scaled as the model
     * was trained), with {@code loss} as the run measured it.
     */
    public static Map<String, Double> of(Predictor predictor, Dataset data, double loss, List<String> names) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", loss);
        float[] outputs = predictor.predictStandardized(data.featureMatrix(), data.examples());
        if (data.isClassification()) {
            Predictor.Classified classified = predictor.classifyLogits(outputs, data.examples());
            int[] actual = new int[data.examples()];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = (int) data.labelVector()[i];
            }
            ClassificationMetrics metrics = ClassificationMetrics.of(classified.classes(), actual,
                    classified.probabilities(), data.classes());
            values.put("accuracy", metrics.accuracy());
            values.put("log-loss", metrics.logLoss());
            values.put("macro-F1", metrics.macroF1());
        } else {
            RegressionMetrics metrics = RegressionMetrics.of(outputs, data.labelVector());
            values.put("RMSE", metrics.rmse());
            values.put("MAE", metrics.mae());
            values.put("R²", metrics.r2());
            if (names.contains("log-RMSE")) {
                values.put("log-RMSE", logRmse(outputs, data.labelVector()));
            }
        }
        return values;
    }

    /**
     * The book's {@code log_rmse} (5.7): predictions clamped to at least 1, then the root mean squared
     * difference of the logarithms, so that an error counts relative to the price.
     */
    public static double logRmse(float[] predictions, float[] targets) {
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            double d = Math.log(Math.max(1.0, predictions[i])) - Math.log(targets[i]);
            sum += d * d;
        }
        return Math.sqrt(sum / targets.length);
    }

    /** Mean and (population) standard deviation of every figure over {@code runs}. */
    public static Map<String, double[]> summary(List<Map<String, Double>> runs) {
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (String name : runs.get(0).keySet()) {
            double mean = runs.stream().mapToDouble(f -> f.get(name)).average().orElse(Double.NaN);
            double squares = runs.stream().mapToDouble(f -> (f.get(name) - mean) * (f.get(name) - mean)).sum();
            summary.put(name, new double[] {mean, Math.sqrt(squares / runs.size())});
        }
        return summary;
    }
}
