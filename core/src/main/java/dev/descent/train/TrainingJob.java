package dev.descent.train;

import dev.descent.api.DataContext;
import dev.descent.api.Dataset;
import dev.descent.api.EpochEvent;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Outputs;
import dev.descent.api.Parameter;
import dev.descent.api.State;
import dev.descent.api.TrainingEnd;
import dev.descent.data.Minibatches;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.ComponentInfo;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run as an {@link Engine} receives it: the {@link Run}, and the pieces of the loop
 * every engine shares, so that where the steps run is the only thing an engine decides.
 *
 * <pre>
 * data = job.loadData()
 * parameters = job.initialize(data, batches)     # model, optimizer, a resumed run's state, schedule, hooks
 * step = job.step(GradientCombiner.LOCAL)        # the step with its seams
 * for each epoch from job.firstEpoch():
 *     job.startEpoch(epoch)
 *     for each minibatch: step.run(...)
 *     if !job.endEpoch(epoch, job.figures(x, y), validation figures, elapsed): break
 * return job.finish(elapsed)
 * </pre>
 *
 * Its parts each do one thing: {@link SetupChecks} (a loss and a model that fit the data),
 * {@link Resumption} (continuing a saved run), {@link RateSchedule} (the learning rate),
 * {@link Evaluation} (an epoch's figures), {@link RunEvents} (listeners, callbacks and hooks),
 * {@link Divergence} (explaining a loss that is not finite) and {@link RunHistory} (the figures so far).
 */
public final class TrainingJob {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    /** The figures of the run's test data in an epoch's metrics: its mean loss, and its accuracy for classification. */
    public static final String TEST_LOSS = "test-loss";
    public static final String TEST_ACCURACY = "test-accuracy";

    private final Run run;
    private final RandomStreams random;
    private final LoadingProgress progress;
    private final Optional<ResumeFrom> resume;
    /** Where this run may write (never over one of its inputs), for checkpoints and callbacks. */
    private final Outputs outputs;
    private final RunEvents events;
    private final RateSchedule rate;
    private final RunHistory history = new RunHistory();

    private List<Parameter> parameters = List.of();
    private Dataset data;
    private Optional<TestData> test = Optional.empty();
    private Evaluation evaluation;
    private Divergence divergence;
    private int firstEpoch = 1;
    private String stopReason;

    /**
     * The job of {@code run}, as the trainer hands it to the run's engine.
     *
     * @param listeners the listeners, in the order they are called
     * @param progress  where loading the data reports its progress
     * @param resume    the saved run this one continues, if any
     * @param outputs   where the run may write (never over one of its inputs)
     */
    public TrainingJob(Run run, List<TrainingListener> listeners, LoadingProgress progress, Optional<ResumeFrom> resume,
                Outputs outputs) {
        this.run = run;
        this.random = new RandomStreams(run.seed());
        this.progress = progress;
        this.resume = resume;
        this.outputs = outputs;
        this.events = new RunEvents(run, listeners);
        this.rate = new RateSchedule(run.optimizer(), run.schedule(), run.settings().epochs());
    }

    /**
     * The run: its components ({@code job.run().device()}, or a plugin kind's with
     * {@code job.run().components(kind)}), settings and seed.
     */
    public Run run() {
        return run;
    }

    public RandomStreams random() {
        return random;
    }

    /** The saved run this one continues, if any. */
    public Optional<ResumeFrom> resume() {
        return resume;
    }

    // ----- the pieces of the loop ------------------------------------------------------------

    /** Loads the data through the data source, with the run's data stream (and a resumed run's scaling). */
    public Dataset loadData() {
        long started = System.nanoTime();
        Dataset loaded = run.data().load(new DataContext(random.data(), progress,
                resume.map(ResumeFrom::standardization), Optional.of(run.loss().task()),
                resume.map(ResumeFrom::encoding)));
        if (loaded.examples() == 0) {
            throw new TrainingException("the data set has no examples; there is nothing to train on");
        }
        LOG.debug("loaded the data in {} ms", (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    /**
     * Creates the model's parameters for {@code data} and the optimizer's state; continues a resumed
     * run's parameters and states; starts the schedule; tells the callbacks, hooks and listeners.
     *
     * @return the parameters, in the model's order
     */
    public List<Parameter> initialize(Dataset data, int batchesPerEpoch) {
        this.data = data;
        Model model = run.model();
        SetupChecks.checkTask(run.loss(), run.data(), data);
        run.loss().fit(data.classes(), classCounts(data));
        model.initialize(new ModelContext(run.device(), data.features(), SetupChecks.modelOutputs(data),
                random.initialization(), data.classes()));
        parameters = model.parameters();
        SetupChecks.checkOutputWidth(model, run.device(), data);
        test = TestData.load(run, data, random, progress);
        run.optimizer().initialize(parameters);
        rate.start();
        if (resume.isPresent()) {
            firstEpoch = Resumption.restore(resume.get(), run, data, test.isPresent(), parameters, rate, history) + 1;
        }
        int epochs = run.settings().epochs();
        if (firstEpoch > epochs) {
            throw new TrainingException("the run in " + resume.map(ResumeFrom::source).orElse("the saved model")
                    + " has already trained " + (firstEpoch - 1) + " epoch(s), and train.epochs is " + epochs
                    + "; set train.epochs above " + (firstEpoch - 1) + " to train further");
        }
        if (rate.active()) {
            LOG.debug("epoch {} runs at learning rate {}", firstEpoch, rate.forState());
        }
        evaluation = new Evaluation(model, run.loss(), data.isClassification());
        divergence = new Divergence(model, run.loss(), run.optimizer(), parameters, data, firstEpoch,
                run.settings().explainDivergence());
        events.runStarted(parameters, outputs, new TrainingStart(data, epochs, run.settings().batchSize(),
                batchesPerEpoch, test.map(TestData::rows)));
        return parameters;
    }

    /**
     * The first epoch this run trains: 1, or the one after the saved run's last when resuming. Epochs
     * are numbered across resumes, so a run resumed after epoch 3 continues with epoch 4; an engine
     * replays the shuffles of the epochs before (see {@link LocalEngine}).
     */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The step over the initialised parameters; {@code combiner} is where an engine joins its workers' gradients. */
    public TrainingStep step(GradientCombiner combiner) {
        TrainingSettings settings = run.settings();
        TrainingStep step = new TrainingStep(run.model(), run.loss(), run.optimizer(), parameters, combiner,
                GradientClipping.of(settings), events.batchListeners(), events.batchHooks(), settings.l2(),
                settings.l1(), random.stream("dropout").nextLong());
        if (settings.epochFigures() == TrainingSettings.EpochFigureSource.RUNNING) {
            step.keepRunningFigures(data.isClassification());
        }
        return step;
    }

    /**
     * Tells the listeners that watch batches that a batch (or, for an engine that steps elsewhere, a
     * round of steps) is done: what {@link TrainingStep#run} does for the steps it runs itself.
     *
     * @param lossSum the batch's summed loss
     */
    public void batchEnded(int epoch, int batch, int batches, int examples, double lossSum) {
        events.batchEnded(run.device(), epoch, batch, batches, examples, lossSum);
    }

    /** Tells the listeners and hooks that {@code epoch} starts, at the rate the schedule set. */
    public void startEpoch(int epoch) {
        divergence.epochStarted(epoch);
        events.epochStarted(epoch, rate.current(), parameters);
    }

    /**
     * An epoch's figures over all of {@code x}, without tracking gradients: the mean per-example loss
     * and, for classification, the accuracy.
     */
    public EpochFigures figures(Tensor x, Tensor y) {
        return evaluation.figures(x, y);
    }

    /**
     * The error for an epoch whose loss is not finite, saying which part of which step first produced
     * a value that was not finite (see {@link Divergence}).
     *
     * @param order   the epoch's example order
     * @param batches the epoch's minibatches over {@code order}
     */
    public TrainingException diverged(int epoch, double epochLoss, TrainingStep step, Tensor x, Tensor y, int[] order,
                                      Minibatches batches) {
        return divergence.explain(epoch, epochLoss, step, x, y, order, batches);
    }

    /**
     * Ends an epoch with its {@link #figures}: the training set's and, when there is one, the
     * validation set's; scores the run's test data, when it has some, here on the run's device
     * ({@code test-loss}, {@code test-accuracy}). Checks the loss is finite, tells the listeners (the
     * epoch line), then the callbacks and hooks (which may ask to stop), then moves the schedule to the
     * next epoch's rate.
     *
     * @param epoch the epoch's number across resumes: {@link #firstEpoch()} for the first of this run
     * @return whether training goes on: false when a callback or hook asked to stop
     */
    public boolean endEpoch(int epoch, EpochFigures training, Optional<EpochFigures> validation, Duration elapsed) {
        double epochLoss = training.loss();
        if (!Double.isFinite(epochLoss)) {
            throw new TrainingException("training diverged in epoch " + epoch + ": the mean loss became "
                    + epochLoss + "; " + Divergence.SMALLER_RATE);
        }
        OptionalDouble validationLoss = validation.isPresent() ? OptionalDouble.of(validation.get().loss())
                : OptionalDouble.empty();
        Map<String, Double> metrics = new LinkedHashMap<>();
        training.accuracy().ifPresent(a -> metrics.put("accuracy", a));
        validation.ifPresent(v -> v.accuracy().ifPresent(a -> metrics.put("validation-accuracy", a)));
        test.ifPresent(t -> {
            EpochFigures scored = evaluation.figures(t.x(), t.y());
            metrics.put(TEST_LOSS, scored.loss());
            scored.accuracy().ifPresent(a -> metrics.put(TEST_ACCURACY, a));
        });
        history.add(epoch, epochLoss, validationLoss, metrics);
        int epochs = run.settings().epochs();
        LOG.debug("epoch {} done after {} ms in all", epoch, elapsed.toMillis());
        logPenalty(epoch, epochLoss);
        EpochEvent event = new EpochEvent(epoch, epochs, epochLoss, validationLoss, rate.current(), parameters,
                file -> ModelFiles.write(RunFile.of(snapshot(Duration.ZERO, OptionalInt.empty()), Instant.now()), file,
                        outputs, "a checkpoint"), outputs).withMetrics(metrics);
        String reason = events.epochEnded(new EpochEnd(epoch, epochs, epochLoss, validationLoss, elapsed, metrics),
                event);
        if (stopReason == null) {
            stopReason = reason;
        }
        rate.next(event);
        if (epoch < epochs && rate.active()) {
            LOG.debug("epoch {} runs at learning rate {}", epoch + 1, rate.forState());
        }
        if (stopReason != null && epoch < epochs) {
            LOG.info("stopped after epoch {} of {}: {}", epoch, epochs, stopReason);
            return false;
        }
        return true;
    }

    private void logPenalty(int epoch, double epochLoss) {
        TrainingSettings settings = run.settings();
        if (LOG.isDebugEnabled() && (settings.l2() != 0 || settings.l1() != 0)) {
            try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
                Tensor penalty = LossTerms.penalty(parameters, settings.l2(), settings.l1());
                LOG.debug("epoch {}: penalty {} on top of the data loss {}", epoch,
                        penalty == null ? 0 : penalty.item(), epochLoss);
            }
        }
    }

    /**
     * Tells the callbacks and hooks that training is over and gathers what the run produced. A
     * callback that writes back an earlier epoch's parameters (restore-best) makes that epoch's losses
     * the result's final ones.
     */
    public TrainingResult finish(Duration elapsed) {
        test.ifPresent(TestData::close);
        TrainingEnd end = new TrainingEnd(parameters, history.lastEpoch);
        events.runEnded(end);
        TrainingResult result = snapshot(elapsed, history.indexOf(end.keptEpoch()));
        rate.finish();
        events.resultReady(result);
        return result;
    }

    /** The run as it stands: parameters now, the losses so far, the state to resume from. */
    private TrainingResult snapshot(Duration elapsed, OptionalInt keptIndex) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            shapes.put(p.name(), p.value().shape());
            values.put(p.name(), p.value().toFloatArray());
        }
        return new TrainingResult(history.losses, history.validationLosses, values, shapes, data.trueParameters(),
                data.featureNames(), data.labelName(), SetupChecks.modelOutputs(data), data.standardization(), data.encoding(), elapsed,
                state(), Optional.ofNullable(stopReason), run, keptIndex, data.classes(), history.metrics);
    }

    /** The training rows of each class; empty for regression and for rows this JVM does not hold. */
    private static long[] classCounts(Dataset data) {
        if (!data.isClassification() || !data.hasRows()) {
            return new long[0];
        }
        long[] counts = new long[data.classes().size()];
        for (float label : data.labelVector()) {
            counts[(int) label]++;
        }
        return counts;
    }

    /** Where the run stands now besides its parameters: what a model file carries for {@code --resume}. */
    public TrainingState state() {
        Map<String, State> callbackStates = new LinkedHashMap<>();
        run.callbacks().forEach(c -> callbackStates.put(ComponentInfo.of(c).name(), c.saveState()));
        return new TrainingState(history.lastEpoch, rate.forState(), run.optimizer().saveState(),
                run.schedule().saveState(), callbackStates);
    }
}
