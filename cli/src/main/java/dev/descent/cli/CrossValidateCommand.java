package dev.descent.cli;

import com.google.inject.Module;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.experiment.CrossValidation;
import dev.descent.experiment.Scores;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputPolicy;
import dev.descent.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent cross-validate}: the configured run trained on k folds, each fold's figures and their mean. */
@Command(name = "cross-validate", mixinStandardHelpOptions = true,
        description = {"Train the configured run k times, each time holding one fold of the data out, and print the"
                + " training and validation figures of every fold and their mean ± standard deviation (the book's"
                + " k-fold cross-validation, 5.7). Folds are shuffled by the run's seed and, for classification,"
                + " stratified; standardisation is fitted on each fold's training rows only."},
        footer = {"", "Example: descent cross-validate -c examples/configs/houses.properties --folds 5"})
final class CrossValidateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CrossValidateCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions run;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "How many folds (at least 2, at most the number of examples). Default: ${DEFAULT-VALUE}.")
    private int folds;

    @Option(names = "--fold", paramLabel = "N",
            description = "Train only fold N (1 to K), as in the whole cross-validation: to re-run one fold alone.")
    private Integer only;

    @Option(names = "--shuffle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Shuffle the examples (by the run's seed) before cutting folds; --no-shuffle cuts contiguous"
                    + " runs of rows, as scikit-learn's KFold(shuffle=False). Default: shuffled.")
    private boolean shuffle;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Write each fold's model to DIR/fold-N.json; its config records the fold, so it can be re-run"
                    + " alone (--fold N).")
    private Path save;

    @Option(names = "--tensorboard", paramLabel = "DIR",
            description = "Write the folds for TensorBoard's HParams tab to DIR: each fold's figures in DIR/fold-N"
                    + " (tensorboard --logdir DIR).")
    private Path tensorboard;

    @Override
    public Integer call() {
        RunConfig config = run.config();
        List<Path> pluginPaths = RunOptions.pluginPaths(spec.commandLine(), config);
        OutputPolicy outputs = run.outputs(config, pluginPaths);
        if (only != null && (only < 1 || only > folds)) {
            throw new ConfigException("--fold " + only + " is not one of the " + folds + " folds; choose 1 to " + folds);
        }
        if (save != null) {
            List<String> files = new ArrayList<>();
            for (int f = 1; f <= folds; f++) {
                files.add(foldFile(f));
            }
            outputs.checkFiles(save, files, "--save");
        }
        HParamsLog log = tensorboard == null ? null : HParamsLog.checked(tensorboard, outputs);
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRegistry registry = PluginRegistry.discover(CrossValidateCommand.class.getClassLoader(),
                pluginPaths)) {
            TrainCommand.checkSparkKeys(config, registry);
            CrossValidation cv = CrossValidation.prepare(config, registry, folds, shuffle, TerminalProgress.forStderr());
            out.printf(Locale.ROOT, "%d-fold cross-validation of %d examples (%s%s%s)%n", folds, cv.examples(),
                    shuffle ? "shuffled by seed " + cv.run().seed() : "not shuffled",
                    cv.isClassification() ? ", stratified" : "",
                    cv.standardizes() ? ", standardised on each fold's training rows" : "");
            out.flush();
            if (log != null) {
                List<String> numbers = new ArrayList<>();
                for (int f = 1; f <= folds; f++) {
                    numbers.add(Integer.toString(f));
                }
                log.experiment(folds + "-fold cross-validation of " + cv.examples() + " examples",
                        Map.of("fold", numbers), HParamsLog.metricTags(cv.figures()));
            }
            Module extras = RunOptions.manyRuns(outputs);
            List<Map<String, Double>> training = new ArrayList<>();
            List<Map<String, Double>> validation = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                if (only != null && f != only - 1) {
                    continue;
                }
                LOG.info("fold {} of {} (seed {}): training on {} examples, validating on {}", f + 1, folds,
                        cv.run().seed(), cv.examples() - cv.folds().size(f), cv.folds().size(f));
                CrossValidation.Fold fold = cv.train(f, List.of(), List.of(extras));
                out.println("fold " + (f + 1) + ", train " + figures(fold.training(), null) + "; validation "
                        + figures(fold.validation(), null));
                out.flush();
                training.add(fold.training());
                if (log != null) {
                    log.run("fold-" + (f + 1), Map.of("fold", Integer.toString(f + 1)), fold.validation(),
                            fold.training().get("loss"), true);
                }
                validation.add(fold.validation());
                if (save != null) {
                    Path file = save.resolve(foldFile(f + 1));
                    ModelFiles.write(fold.model(), file, outputs, "--save");
                    LOG.info("saved fold {} to {}", f + 1, file);
                }
            }
            if (training.size() > 1) {
                out.println("mean ± sd, train " + figures(null, Scores.summary(training)) + "; validation "
                        + figures(null, Scores.summary(validation)));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String foldFile(int fold) {
        return "fold-" + fold + ".json";
    }

    /** {@code loss 0.042790, RMSE …}: one fold's figures, or (with {@code summary}) each mean ± sd. */
    private static String figures(Map<String, Double> values, Map<String, double[]> summary) {
        StringBuilder text = new StringBuilder();
        for (String name : values != null ? values.keySet() : summary.keySet()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(name).append(' ');
            if (values != null) {
                text.append(String.format(Locale.ROOT, "%f", values.get(name)));
            } else {
                double[] ms = summary.get(name);
                text.append(String.format(Locale.ROOT, "%f ± %f", ms[0], ms[1]));
            }
        }
        return text.toString();
    }
}
