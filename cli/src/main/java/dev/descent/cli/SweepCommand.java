package dev.descent.cli;

import com.google.inject.Module;
import dev.descent.api.Task;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.experiment.Scores;
import dev.descent.experiment.Sweep;
import dev.descent.experiment.SweepSpace;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputPolicy;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.RunResolver;
import dev.descent.train.RandomStreams;
import dev.descent.train.Run;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent sweep}: the configured run trained over a grid or random draws of settings, the best first. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train the configured run once per trial of a grid (--grid KEY=V1,V2,...) or of random draws"
                + " (--random N with --range KEY=LOW:HIGH), each scored on the validation split or by cross-validation"
                + " (--folds K), trials in parallel (--jobs); print the trials sorted by the score, write them all as"
                + " CSV (--results) and the best one's config (--best) for 'descent train -c'."},
        footer = {"", "Example:", "  descent sweep -c examples/configs/houses.properties \\",
            "      --grid optimizer.lr=0.003,0.01,0.03 --grid train.batch-size=10,50"})
final class SweepCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions run;

    @Option(names = "--grid", paramLabel = "KEY=V1,V2,...",
            description = "Values to try for one key, every combination with the other --grid keys; repeatable. A key"
                    + " is a config key (optimizer.lr) or a component's option (mlp.hidden: model.hidden where model ="
                    + " mlp). With --random, one of the values is picked per trial.")
    private List<String> grids = new ArrayList<>();

    @Option(names = "--range", paramLabel = "KEY=LOW:HIGH[:log|:linear]",
            description = "A range to draw one key's value from in each --random trial; repeatable. Rates (lr,"
                    + " weight-decay, l1, l2, *rate) are drawn log-uniformly unless :linear; whole-number bounds draw"
                    + " whole numbers.")
    private List<String> ranges = new ArrayList<>();

    @Option(names = "--random", paramLabel = "N",
            description = "Draw N trials at random (by the run's seed) instead of trying every combination.")
    private Integer random;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
            description = "Score each trial by K-fold cross-validation (the mean over the folds) instead of on the"
                    + " run's validation split. Default: the validation split.")
    private int folds;

    @Option(names = "--score", paramLabel = "FIGURE", defaultValue = "loss",
            description = "The validation figure trials are ranked by: loss, rmse, mae, r2, log-rmse (regression);"
                    + " loss, accuracy, log-loss, macro-f1 (classification). Default: ${DEFAULT-VALUE}.")
    private String score;

    @Option(names = "--jobs", paramLabel = "N",
            description = "How many trials train at once. Default: the number of cores (${sys:descent.cores}).")
    private Integer jobs;

    @Option(names = "--results", paramLabel = "FILE", defaultValue = "sweep-results.csv",
            description = "Every finished trial as CSV, rewritten after each one. Default: ${DEFAULT-VALUE}.")
    private String resultsText;

    @Option(names = "--best", paramLabel = "FILE", defaultValue = "sweep-best.properties",
            description = "The best trial's config, for 'descent train -c FILE'. Default: ${DEFAULT-VALUE}.")
    private String bestText;

    @Option(names = "--resume", description = "Continue the sweep whose --results file is there: trials it holds"
            + " are not trained again.")
    private boolean resume;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Write each trial's model to DIR/trial-N.json (its config and seed included).")
    private Path save;

    @Option(names = "--tensorboard", paramLabel = "DIR",
            description = "Write the trials for TensorBoard's HParams tab to DIR: each trial's settings and validation"
                    + " figures in DIR/trial-N (tensorboard --logdir DIR).")
    private Path tensorboard;

    static {
        System.setProperty("descent.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() {
        RunConfig config = run.config();
        List<Path> pluginPaths = RunOptions.pluginPaths(spec.commandLine(), config);
        OutputPolicy outputs = run.outputs(config, pluginPaths);
        SweepSpace space = SweepSpace.parse(grids, ranges);
        if (space.isEmpty()) {
            throw new ConfigException("a sweep needs something to vary: --grid KEY=V1,V2 (e.g. --grid"
                    + " optimizer.lr=0.01,0.1,1) or --random N with --range KEY=LOW:HIGH");
        }
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new ConfigException("--jobs " + threads + ": give at least 1");
        }
        if (folds == 1 || folds < 0) {
            throw new ConfigException("--folds " + folds + ": cross-validation needs at least 2 folds (5 or 10 are"
                    + " usual); leave --folds out to score on the validation split");
        }
        if (save != null && folds > 0) {
            throw new ConfigException("--save keeps each trial's model, but with --folds each trial trains one model"
                    + " per fold; drop --save, and cross-validate the best config with 'descent cross-validate --save'");
        }
        Path results = outputs.check(OutputPolicy.outputPath(resultsText, "--results", "sweep-results.csv"),
                "--results", "sweep-results.csv");
        Path best = outputs.check(OutputPolicy.outputPath(bestText, "--best", "sweep-best.properties"), "--best",
                "sweep-best.properties");
        if (results.toAbsolutePath().normalize().equals(best.toAbsolutePath().normalize())) {
            throw new ConfigException("--results " + resultsText + " and --best " + bestText + " name the same file;"
                    + " give each its own");
        }
        if (Files.exists(results) && !resume) {
            throw new ConfigException("--results " + results + " already holds a sweep's trials; add --resume to"
                    + " continue it (finished trials are not trained again), or give another --results");
        }
        if (save != null) {
            outputs.checkFolder(save, "--save");
        }
        HParamsLog log = tensorboard == null ? null : HParamsLog.checked(tensorboard, outputs);
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRegistry registry = PluginRegistry.discover(SweepCommand.class.getClassLoader(), pluginPaths)) {
            TrainCommand.checkSparkKeys(config, registry);
            long seed = RunResolver.resolveSeed(config);
            List<SweepSpace.Trial> trials = random == null ? space.grid(config, registry)
                    : space.random(config, registry, random, new RandomStreams(seed).stream("sweep"));
            // Every trial's keys and values are checked before any training: a key no component has
            // stops the sweep; a combination only some trials cannot make fails those trials.
            Map<Integer, Sweep.Outcome> done = new TreeMap<>();
            Task task = null;
            ConfigException first = null;
            for (SweepSpace.Trial trial : trials) {
                try {
                    Run resolved = RunResolver.resolve(trial.config(), registry);
                    resolved.device().close();
                    task = task == null ? resolved.loss().task() : task;
                } catch (ConfigException e) {
                    first = first == null ? e : first;
                    done.put(trial.number(), new Sweep.Outcome(trial, Map.of(), Map.of(), Map.of(), 0, e.getMessage(),
                            null));
                }
            }
            if (task == null) {
                throw first;
            }
            List<String> names = task == Task.CLASSIFICATION ? Scores.CLASSIFICATION : Scores.REGRESSION;
            String figure = Scores.named(score, names).orElseThrow(() -> new ConfigException("--score " + score
                    + " is not a figure of this " + (names == Scores.CLASSIFICATION ? "classification" : "regression")
                    + "; choose one of " + String.join(", ", names)));
            SweepResults table = new SweepResults(space.keys(), names, folds > 0, seed);
            if (resume && Files.exists(results)) {
                for (Sweep.Outcome outcome : table.read(results, trials)) {
                    done.putIfAbsent(outcome.trial().number(), outcome);
                }
            }
            List<SweepSpace.Trial> pending = trials.stream().filter(t -> !done.containsKey(t.number())).toList();
            Sweep.Scoring scoring = new Sweep.Scoring(folds, true);
            out.printf(Locale.ROOT, "sweep of %d trial(s)%s, scored by validation %s on %s, %d at a time%n",
                    trials.size(), done.isEmpty() ? "" : " (" + done.size() + " already done)", figure,
                    scoring.describe(), Math.min(threads, Math.max(1, pending.size())));
            out.flush();
            table.write(results, done.values(), outputs);
            if (log != null) {
                Map<String, List<String>> settings = new java.util.LinkedHashMap<>();
                for (String key : space.keys()) {
                    settings.put(key, trials.stream().map(t -> t.values().get(key)).filter(v -> v != null).toList());
                }
                log.experiment("descent sweep of " + trials.size() + " trial(s), scored on " + scoring.describe(),
                        settings, HParamsLog.metricTags(names));
                for (Sweep.Outcome failed : done.values()) {
                    if (failed.failed() && failed.seconds() == 0) {   // refused before training
                        log.run("trial-" + failed.trial().number(), failed.trial().values(), Map.of(), null, false);
                    }
                }
            }
            Module extras = RunOptions.manyRuns(outputs);
            Sweep sweep = new Sweep(registry, scoring, List.of(extras));
            int total = trials.size();
            sweep.run(pending, threads, outcome -> {
                done.put(outcome.trial().number(), outcome);
                out.println(SweepResults.line(outcome, total, figure));
                out.flush();
                table.write(results, done.values(), outputs);
                if (log != null) {
                    log.run("trial-" + outcome.trial().number(), outcome.trial().values(), outcome.figures(),
                            outcome.training().get("loss"), !outcome.failed());
                }
                if (save != null && outcome.model() != null) {
                    ModelFiles.write(outcome.model(), save.resolve("trial-" + outcome.trial().number() + ".json"),
                            outputs, "--save");
                }
            });
            List<Sweep.Outcome> ranked = SweepResults.ranked(done.values(), figure);
            out.println();
            out.print(table.ranking(ranked, figure));
            Sweep.Outcome winner = ranked.get(0);
            if (winner.failed()) {
                out.flush();
                throw new ConfigException("every trial of the sweep failed (trial " + winner.trial().number() + ": "
                        + winner.reason() + "); nothing was written to " + best);
            }
            SweepResults.writeBest(best, winner, figure, total, seed, outputs);
            out.printf(Locale.ROOT, "best: trial %d (%s), validation %s %s; its config is in %s (descent train -c %s)%n",
                    winner.trial().number(), winner.trial().describe(), figure,
                    SweepResults.number(winner.figures().get(figure)), best, best);
            LOG.info("wrote every trial to {}", results);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
