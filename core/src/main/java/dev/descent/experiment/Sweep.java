package dev.descent.experiment;

import com.google.inject.Module;
import dev.descent.api.ComponentKind;
import dev.descent.api.Dataset;
import dev.descent.api.LoadingProgress;
import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.plugin.ComponentInfo;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import dev.descent.run.Descent;
import dev.descent.run.RunResolver;
import dev.descent.train.Run;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import dev.descent.train.TrainingStart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains a sweep's trials, up to {@code jobs} at a time, each scored on its run's validation split or
 * by cross-validation. Each trial resolves its own components and trains alone, so its figures do not
 * depend on which trials run beside it or in what order. A trial that fails (a bad combination, a
 * divergence) is an outcome with its reason; the others go on.
 */
public final class Sweep {

    /**
     * How trials are scored.
     *
     * @param folds   0: on the run's validation split; else k-fold cross-validation's mean
     * @param shuffle whether cross-validation shuffles (by the run's seed)
     */
    public record Scoring(int folds, boolean shuffle) {

        /** {@code validation} or {@code 5-fold cross-validation}, for headers. */
        public String describe() {
            return folds == 0 ? "the validation split" : folds + "-fold cross-validation (mean)";
        }
    }

    /**
     * What became of a trial.
     *
     * @param figures    the validation figures (cross-validation: their mean over the folds); empty when it failed
     * @param spread     cross-validation: each figure's standard deviation over the folds; else empty
     * @param training   the figures on the rows it trained on (cross-validation: their mean)
     * @param reason     why it failed, in one line; null when it did not
     * @param model      the trained model (validation scoring), for --save; null otherwise
     */
    public record Outcome(SweepSpace.Trial trial, Map<String, Double> figures, Map<String, Double> spread,
                         Map<String, Double> training, double seconds, String reason, ModelFile model) {

        public boolean failed() {
            return reason != null;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sweep.class);

    /** The cpu device's name, whose threads trials side by side share. */
    private static final String CPU = "cpu";

    private final PluginRegistry registry;
    private final Scoring scoring;
    private final List<Module> overrides;

    public Sweep(PluginRegistry registry, Scoring scoring, List<Module> overrides) {
        this.registry = registry;
        this.scoring = scoring;
        this.overrides = List.copyOf(overrides);
    }

    /**
     * Runs {@code trials} on {@code jobs} threads; {@code finished} hears of each outcome as it comes
     * (one at a time). Returns the outcomes in trial order.
     */
    public List<Outcome> run(List<SweepSpace.Trial> trials, int jobs, Consumer<Outcome> finished) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, trials.size())), r -> {
            Thread thread = new Thread(r, "descent-sweep");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            int share = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, Math.min(jobs,
                    trials.size())));
            for (SweepSpace.Trial trial : trials) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = trial(trial, share);
                    synchronized (finished) {
                        finished.accept(outcome);
                    }
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the sweep was interrupted", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trains and scores one trial; a failure is its outcome, not an exception. */
    public Outcome trial(SweepSpace.Trial trial) {
        return trial(trial, 0);
    }

    /**
     * One trial, its cpu device on {@code threads} threads unless its config says (0: as configured):
     * trials side by side share the cores instead of each taking all of them. The cpu device's results
     * are the same for any number of threads.
     */
    private Outcome trial(SweepSpace.Trial trial, int threads) {
        long started = System.nanoTime();
        try {
            RunConfig config = trial.config();
            if (LOG.isInfoEnabled()) {
                LOG.info("trial {}: {} (seed {})", trial.number(), trial.describe(),
                        dev.descent.run.RunResolver.resolveSeed(config));
                LOG.debug("trial {}'s config: {}", trial.number(), config.values().values().stream()
                        .map(v -> v.key() + " = " + v.value()).toList());
            }
            boolean cpu = config.get(ComponentKind.DEVICE.key()).map(v -> v.value().equals(CPU)).orElse(true);
            if (threads > 0 && cpu && config.get("device.threads").isEmpty() && config.get(CPU + ".threads").isEmpty()) {
                config = config.with("device.threads", Integer.toString(threads), "sweep: the cores shared by --jobs");
            }
            if (scoring.folds() > 0) {
                CrossValidation cv = CrossValidation.prepare(config, registry, scoring.folds(),
                        scoring.shuffle(), LoadingProgress.NONE);
                List<Map<String, Double>> validation = new ArrayList<>();
                List<Map<String, Double>> training = new ArrayList<>();
                for (int f = 0; f < scoring.folds(); f++) {
                    CrossValidation.Fold fold = cv.train(f, List.of(), overrides);
                    validation.add(fold.validation());
                    training.add(fold.training());
                }
                Map<String, double[]> summary = Scores.summary(validation);
                Map<String, Double> means = new java.util.LinkedHashMap<>();
                Map<String, Double> spread = new java.util.LinkedHashMap<>();
                summary.forEach((name, ms) -> {
                    means.put(name, ms[0]);
                    spread.put(name, ms[1]);
                });
                Map<String, Double> trainingMeans = new java.util.LinkedHashMap<>();
                Scores.summary(training).forEach((name, ms) -> trainingMeans.put(name, ms[0]));
                return checked(new Outcome(trial, means, spread, trainingMeans, seconds(started), null, null));
            }
            Run run = RunResolver.resolve(config, registry);
            Dataset[] data = new Dataset[1];
            TrainingListener capture = new TrainingListener() {
                @Override
                public void trainingStarted(TrainingStart start) {
                    Dataset held = start.dataset().validation();
                    if (held == null || held.examples() == 0) {
                        ComponentInfo source = ComponentInfo.of(run.data());
                        throw new dev.descent.config.ConfigException("the sweep scores each trial on the validation"
                                + " split, but data = " + source.name() + " holds no rows out; "
                                + (source.options().containsKey("validation-fraction") ? "set its validation-fraction"
                                        + " (e.g. --set data.validation-fraction=0.2), or score" : "score")
                                + " by cross-validation with --folds 5");
                    }
                    data[0] = start.dataset();
                }
            };
            TrainingResult result = Descent.train(run, List.of(capture), overrides);
            ModelFile model = result.toModelFile(Instant.now());
            List<String> names = Scores.names(data[0].isClassification(), data[0].labelVector());
            try (Predictor predictor = Predictor.load(model, registry)) {
                Map<String, Double> validation = Scores.of(predictor, data[0].validation(),
                        result.finalValidationLoss().orElse(Double.NaN), names);
                Map<String, Double> training = Scores.of(predictor, data[0], result.finalLoss(), names);
                return checked(new Outcome(trial, validation, Map.of(), training, seconds(started), null, model));
            }
        } catch (RuntimeException e) {
            return new Outcome(trial, Map.of(), Map.of(), Map.of(), seconds(started), oneLine(e), null);
        }
    }

    /** A trial whose figures are not numbers (a divergence the run did not stop) failed. */
    private static Outcome checked(Outcome outcome) {
        for (Map.Entry<String, Double> figure : outcome.figures().entrySet()) {
            if (!Double.isFinite(figure.getValue()) && !figure.getKey().equals("R²")) {
                return new Outcome(outcome.trial(), Map.of(), Map.of(), Map.of(), outcome.seconds(),
                        "its validation " + figure.getKey() + " is " + figure.getValue()
                                + " (the training diverged; a smaller learning rate may help)", null);
            }
        }
        return outcome;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The exception's message on one line; its class too when it is not one of Descent's own messages. */
    static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        if (e instanceof dev.descent.api.DescentException && !message.isEmpty()) {
            return message;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
