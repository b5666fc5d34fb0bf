package dev.descent.cli;

import dev.descent.experiment.Scores;
import dev.descent.api.Loss;
import dev.descent.config.RunConfig;
import dev.descent.eval.ClassificationMetrics;
import dev.descent.eval.RegressionMetrics;
import dev.descent.data.CsvReader;
import dev.descent.io.ModelFile;
import dev.descent.api.ComponentKind;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.TensorScope;
import dev.descent.tensor.Tensor;
import dev.descent.predict.Predictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent evaluate}: how well a saved model predicts the target of a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compare a saved model's predictions with the target column of a CSV file: loss, MSE, RMSE, MAE, R² (and log-RMSE for positive targets);"
                + " for a classifier accuracy, log-loss, F1 per class and the confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SavedModelOptions input;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Rows with the model's features, matched by name, and its target column to compare the"
                    + " predictions with; or instead any data source: --set data=NAME --set data.OPTION=VALUE.")
    private void data(Path file) {
        input.data = file;
    }

    @Override
    public Integer call() {
        ModelFile model = input.readModel();
        CsvReader.Table table;
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine())) {
            table = input.readData(model, true, registry);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (model.isClassification()) {
            evaluateClassifier(model, table, out);
            out.flush();
            return ExitCodes.OK;
        }
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine());
             Predictor predictor = Predictor.load(model, registry, input.deviceConfig())) {
            float[] predictions = predictor.predictStandardized(table.features(), table.rows());
            ModelInput.requireFinite(predictions, model, table, input.data);
            String lossName = model.config().getOrDefault("loss", "squared");
            double loss = meanLoss(registry, predictor.device(), model, lossName, predictions, table.labels());
            if (!Double.isFinite(loss)) {
                ModelInput.refuseOverflow(loss, lossName, predictions, table.labels(), model, table, input.data);
            }
            out.printf(Locale.ROOT, "examples  %d%n", table.rows());
            out.printf(Locale.ROOT, "loss      %f  (%s, as reported in training)%n", loss, lossName);
            List<String> targets = ModelInput.targets(model);
            if (targets.size() == 1) {
                RegressionMetrics metrics = RegressionMetrics.of(predictions, table.labels());
                out.printf(Locale.ROOT, "MSE       %f%n", metrics.mse());
                out.printf(Locale.ROOT, "RMSE      %f%n", metrics.rmse());
                out.printf(Locale.ROOT, "MAE       %f%n", metrics.mae());
                out.printf(Locale.ROOT, "R²        %f%n", metrics.r2());
                if (allPositive(table.labels())) {   // the book's figure (5.7): errors relative to the target
                    out.printf(Locale.ROOT, "log-RMSE  %f%n", Scores.logRmse(predictions, table.labels()));
                }
            } else {
                // One row of metrics per target: their units may differ, so they are not pooled.
                int width = Math.max("target".length(), targets.stream().mapToInt(String::length).max().orElse(0));
                out.printf(Locale.ROOT, "%n%-" + width + "s  %12s  %12s  %12s  %9s%n", "target", "MSE", "RMSE", "MAE", "R²");
                for (int j = 0; j < targets.size(); j++) {
                    RegressionMetrics metrics = RegressionMetrics.of(column(predictions, j, targets.size()),
                            column(table.labels(), j, targets.size()));
                    out.printf(Locale.ROOT, "%-" + width + "s  %12f  %12f  %12f  %9f%n", targets.get(j), metrics.mse(),
                            metrics.rmse(), metrics.mae(), metrics.r2());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Accuracy, log-loss, macro and weighted F1, per-class precision, recall and F1, and the confusion
     * matrix with the class names.
     */
    private void evaluateClassifier(ModelFile model, CsvReader.Table table, PrintWriter out) {
        int[] actual = ModelInput.classIndices(model, table, input.data);
        float[] labels = new float[actual.length];
        for (int i = 0; i < actual.length; i++) {
            labels[i] = actual[i];
        }
        try (PluginRegistry registry = SavedModelOptions.registry(spec.commandLine());
             Predictor predictor = Predictor.load(model, registry, input.deviceConfig())) {
            float[] logits = predictor.predictStandardized(table.features(), table.rows());
            ModelInput.requireFinite(logits, model, table, input.data);
            Predictor.Classified classified = predictor.classifyLogits(logits, table.rows());
            ClassificationMetrics metrics = ClassificationMetrics.of(classified.classes(), actual,
                    classified.probabilities(), model.classes());
            String lossName = model.config().getOrDefault("loss", "cross-entropy");
            double loss = meanLoss(registry, predictor.device(), model, lossName, logits, labels);
            if (!Double.isFinite(loss)) {
                ModelInput.refuseOverflow(loss, lossName, logits, null, model, table, input.data);
            }
            out.printf(Locale.ROOT, "examples     %d%n", metrics.examples());
            out.printf(Locale.ROOT, "loss         %f  (%s, as reported in training)%n", loss, lossName);
            out.printf(Locale.ROOT, "accuracy     %.4f%n", metrics.accuracy());
            out.printf(Locale.ROOT, "log-loss     %f%n", metrics.logLoss());
            out.printf(Locale.ROOT, "macro F1     %.4f%n", metrics.macroF1());
            out.printf(Locale.ROOT, "weighted F1  %.4f%n", metrics.weightedF1());
            out.println();
            out.print(metrics.report());
            out.println();
            out.println("confusion matrix (rows: true class, columns: predicted class)");
            out.print(metrics.confusionTable());
        }
    }

    /** Column {@code j} of a row-major table of {@code width} columns. */
    private static float[] column(float[] table, int j, int width) {
        float[] values = new float[table.length / width];
        for (int i = 0; i < values.length; i++) {
            values[i] = table[i * width + j];
        }
        return values;
    }

    /** The mean per-example loss with the model's training loss plugin and options, computed as the trainer does. */
    private static double meanLoss(PluginRegistry registry, Device device, ModelFile model, String lossName,
                                   float[] predictions, float[] targets) {
        RunConfig options = RunConfig.empty();
        for (Map.Entry<String, String> e : model.config().entrySet()) {
            if (e.getKey().startsWith("loss.")) {
                options = options.with(e.getKey(), e.getValue(), "the model file's config");
            }
        }
        Loss loss = (Loss) registry.create(registry.require(ComponentKind.LOSS, lossName, new dev.descent.config.ConfigValue(
                "loss", lossName, "the model file")), options.section("loss"));
        int n = model.isClassification() ? targets.length : targets.length / model.outputs();
        int k = predictions.length / Math.max(1, n);
        try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
            Tensor yHat = Tensor.of(device, predictions, Shape.of(n, k));
            Tensor y = Tensor.of(device, targets, Shape.of(n, targets.length / Math.max(1, n)));
            return loss.apply(yHat, y).sum().item() / n;   // exactly as the trainer reports its epoch loss
        }
    }

    private static boolean allPositive(float[] targets) {
        for (float t : targets) {
            if (!(t > 0)) {
                return false;
            }
        }
        return true;
    }
}
