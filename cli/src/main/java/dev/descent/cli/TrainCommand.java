package dev.descent.cli;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.descent.api.LoadingProgress;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputPolicy;
import dev.descent.api.Outputs;
import dev.descent.plot.Plots;
import dev.descent.api.Dataset;
import dev.descent.predict.Predictor;
import dev.descent.train.ResumeFrom;
import dev.descent.train.TrainingStart;
import dev.descent.run.ResumePlan;
import dev.descent.train.Run;
import dev.descent.run.RunResolver;
import dev.descent.train.TrainerKinds;
import java.nio.file.Files;
import java.time.Instant;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent train}: runs the configured training and prints the book's output. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model. With no config, runs the book's linear regression (chapter 3.2 of"
                + " Dive into Deep Learning): 1000 examples, batch 10, lr 0.03, 3 epochs."},
        footer = {"", "Example: descent train --set optimizer.lr=0.1 --set train.epochs=5"})
final class TrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    /**
     * A {@code spark.*} key where no engine takes them: this command's distribution has the spark engine
     * in descent-spark, so the message says how to run with it.
     */
    static void checkSparkKeys(RunConfig config, PluginRegistry registry) {
        boolean sparkHere = registry.list(TrainerKinds.ENGINE).stream().anyMatch(d -> d.name().equals("spark"));
        if (sparkHere) {
            return;
        }
        config.values().values().stream().filter(v -> v.key().startsWith("spark.")).findFirst().ifPresent(v -> {
            throw new ConfigException(v.key() + " (" + v.origin() + ") is a setting of the spark engine, which this"
                    + " descent does not have: run with descent-spark (bin/descent-spark, or spark-submit with"
                    + " spark/target/descent-spark.jar) and engine = spark, or remove the key");
        });
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions runOptions;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Write the trained model to FILE (JSON, written atomically; see docs/model-format.md).")
    private String saveText;

    private Path save;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the figures to DIR: for a regression data.png (the data and the fit), loss.png,"
                    + " predicted-vs-actual.png, residuals.png; for a classifier loss.png (with accuracy),"
                    + " confusion-matrix.png and, with two features, decision-regions.png.")
    private Path plot;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "Write every epoch's figures to FILE as CSV (epoch, loss, accuracy, validation and test"
                    + " figures, lr, seconds), written again after each epoch; for pandas, R or a spreadsheet.")
    private String metricsText;

    @Option(names = "--plot-feature", paramLabel = "N|NAME",
            description = "The feature data.png plots the label against: an index from 0 (the book plots 1) or a name; default the last.")
    private String plotFeature;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "A progress bar per epoch on stderr: auto (on a terminal), always or never. Default: ${DEFAULT-VALUE}.")
    private ProgressDisplay.Mode progress;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final result (the last epoch line and the errors of the estimates).")
    private boolean quiet;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue a saved run up to train.epochs in total: its parameters, the state of its optimizer,"
                    + " schedule and callbacks, and its config, unless a key is given again.")
    private Path resume;

    @Override
    public Integer call() {
        StartupClock.mark("parsing");
        if (quiet) {
            LogSetup.descentLevel(ch.qos.logback.classic.Level.WARN);
        }
        RunConfig config = runOptions.config();
        List<Path> pluginPaths = PluginPaths.of(DescentCommand.commonOptions(spec.commandLine()).pluginPaths(), config,
                true);
        ResumeFrom start = null;
        if (resume != null) {
            ResumePlan plan = ResumePlan.of(resume, config);
            config = plan.config();
            start = plan.start();
        }
        // Where the run writes is checked now, not after training: a bad path fails in a second. Nothing
        // it writes may replace what it reads: the config, the data, the model it resumes, a plugin jar.
        OutputPolicy outputs = OutputPolicy.builder().input("-c", runOptions.configFile).input("--resume", resume)
                .config(config).pluginJars(pluginPaths).build();
        if (saveText != null) {
            save = outputs.allowing(resume).check(OutputPolicy.outputPath(saveText, "--save", "model.json"), "--save",
                    "model.json");
        }
        Path metrics = metricsText == null ? null : outputs.check(OutputPolicy.outputPath(metricsText, "--metrics",
                "metrics.csv"), "--metrics", "metrics.csv");
        if (metrics != null && save != null
                && metrics.toAbsolutePath().normalize().equals(save.toAbsolutePath().normalize())) {
            throw new ConfigException("--metrics " + metricsText + " and --save " + saveText + " name the same file;"
                    + " give each its own, such as metrics.csv and model.json");
        }
        if (plot != null) {
            outputs.checkFiles(plot, Plots.ALL_FILES, "--plot");
        } else if (plotFeature != null) {
            throw new ConfigException("--plot-feature " + plotFeature + " chooses the feature of data.png, which only"
                    + " --plot draws; add --plot DIR, or drop --plot-feature");
        }
        StartupClock.mark("config");
        try (PluginRegistry registry = PluginRegistry.discover(TrainCommand.class.getClassLoader(), pluginPaths)) {
            StartupClock.mark("plugins");
            checkSparkKeys(config, registry);
            Run run = RunResolver.resolve(config, registry);
            StartupClock.mark("components");
            TrainingStart[] seen = new TrainingStart[1];
            TrainingListener capture = new TrainingListener() {
                @Override
                public void trainingStarted(TrainingStart start) {
                    StartupClock.mark("wiring and data");
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("start-up: {}", StartupClock.summary());
                    }
                    seen[0] = start;
                    if (plotFeature != null) {   // before the first epoch, not after the last
                        if (start.dataset().isClassification()) {
                            throw new ConfigException("--plot-feature " + plotFeature + " chooses the feature of a"
                                    + " regression's data.png; a classifier's figures have none (decision-regions.png"
                                    + " uses both features of two-feature data): drop --plot-feature");
                        }
                        Figures.column(start.dataset().featureNames(), plotFeature);
                    }
                }
            };
            List<TrainingListener> listeners = new ArrayList<>();
            ProgressDisplay display = progress.enabled() && !quiet ? new ProgressDisplay(System.err) : null;
            if (display != null) {
                listeners.add(display);   // before the reporter: a bar closes before the epoch line is printed
                listeners.add(new ConsoleReporter(spec.commandLine().getOut(), quiet, display.terminal()));
            } else {
                listeners.add(new ConsoleReporter(spec.commandLine().getOut(), quiet));
            }
            listeners.add(capture);
            if (metrics != null) {
                listeners.add(new MetricsCsv(metrics, outputs));
            }
            ResumeFrom from = start;
            Module extras = binder -> {
                OptionalBinder.newOptionalBinder(binder, LoadingProgress.class).setBinding()
                        .toInstance(TerminalProgress.forStderr());
                OptionalBinder.newOptionalBinder(binder, Outputs.class).setBinding().toInstance(outputs);
                if (from != null) {
                    OptionalBinder.newOptionalBinder(binder, ResumeFrom.class).setBinding().toInstance(from);
                }
            };
            TrainingResult result;
            try {
                result = Descent.train(run, listeners, List.of(extras));
            } finally {
                if (display != null) {
                    display.close();   // every line handed to the terminal thread is out before anything else
                }
            }
            LOG.info("trained {} epoch(s) in {} s", result.state().epoch() - (from == null ? 0 : from.state().epoch()),
                    String.format(Locale.ROOT, "%.3f", result.elapsed().toNanos() / 1e9));
            List<dev.descent.api.Callback> wanting = run.callbacks().stream()
                    .filter(dev.descent.api.Callback::wantsFigures).toList();
            boolean figuresFor = !wanting.isEmpty() && seen[0] != null && seen[0].dataset().hasRows();
            ModelFile trained = save == null && plot == null && !figuresFor ? null : result.toModelFile(Instant.now());
            if (save != null) {
                ModelFiles.write(trained, save, outputs.allowing(resume), "--save");
                LOG.info("saved the model to {}", save);
            }
            if (plot != null) {
                drawFigures(plot, outputs, "--plot", result, trained, seen[0], registry);
            }
            if (figuresFor) {
                Map<String, byte[]> pngs = figures(outputs, result, trained, seen[0], registry);
                for (dev.descent.api.Callback callback : wanting) {
                    callback.figuresDrawn(result.state().epoch(), pngs);
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The figures {@code --plot} draws, as PNG bytes by name ({@code loss}, {@code confusion-matrix},
     * …), drawn in a folder of their own that is removed afterwards: for the callbacks that take them.
     */
    private Map<String, byte[]> figures(OutputPolicy outputs, TrainingResult result, ModelFile trained,
                                        TrainingStart start, PluginRegistry registry) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("descent-figures");
            Map<String, byte[]> pngs = new java.util.LinkedHashMap<>();
            for (Path file : drawFigures(folder, outputs, "figures", result, trained, start, registry)) {
                String name = file.getFileName().toString();
                pngs.put(name.endsWith(".png") ? name.substring(0, name.length() - 4) : name, Files.readAllBytes(file));
            }
            return pngs;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot draw the run's figures in a temporary folder", e);
        } finally {
            if (folder != null) {
                try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(folder);
                } catch (java.io.IOException e) {
                    LOG.debug("could not remove {}: {}", folder, e.getMessage());
                }
            }
        }
    }

    /** Draws the run's figures in {@code folder} (what {@code --plot} writes); returns the files written. */
    private List<Path> drawFigures(Path folder, OutputPolicy outputs, String what, TrainingResult result,
                                   ModelFile trained, TrainingStart start, PluginRegistry registry) {
        Dataset data = start.dataset();
        try (Predictor predictor = Predictor.load(trained, registry)) {
            float[] raw = Figures.unscaled(data.featureMatrix(), data.examples(), data.standardization());
            if (data.isClassification()) {
                // The confusion matrix and the regions on rows the model did not learn from, when
                // there are some (the test data first): on the training rows a classifier looks
                // better than it is.
                Dataset shown = start.test().orElse(data.validation() != null
                        && data.validation().examples() > 0 ? data.validation() : data);
                int[] actual = new int[shown.examples()];
                for (int i = 0; i < actual.length; i++) {
                    actual[i] = (int) shown.labelVector()[i];
                }
                float[] rows = shown == data ? raw
                        : Figures.unscaled(shown.featureMatrix(), shown.examples(), data.standardization());
                return Figures.writeClassifier(folder, outputs, what, predictor, rows, actual, result.epochLosses(),
                        result.validationLosses(), result.epochMetrics(),
                        shown == data ? "training rows" : shown == data.validation() ? "validation rows"
                                : "test rows");
            }
            return Figures.write(folder, outputs, what, predictor, raw, data.labelVector(), result.epochLosses(),
                    result.validationLosses(), result.epochMetrics().getOrDefault(TrainingJob.TEST_LOSS,
                            List.of()), plotFeature);
        }
    }
}
