package dev.descent.train;

import dev.descent.api.Callback;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.EpochEvent;
import dev.descent.api.LoadingProgress;
import dev.descent.api.LearningRate;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Optimizer;
import dev.descent.api.Outputs;
import dev.descent.api.Parameter;
import dev.descent.api.Schedule;
import dev.descent.api.State;
import dev.descent.api.Task;
import dev.descent.api.TrainingEnd;
import dev.descent.data.Minibatches;
import dev.descent.eval.ClassPredictions;
import dev.descent.plugin.ComponentInfo;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run as an {@link Engine} receives it: the components and settings, and the pieces of
 * the loop every engine shares, so that where the steps run is the only thing an engine decides.
 *
 * <pre>
 * data = job.loadData()
 * parameters = job.initialize(data)              # model, optimizer, a resumed run's state, schedule, callbacks
 * step = job.step(GradientCombiner.LOCAL)        # the step with its seams
 * for each epoch:
 *     for each minibatch: step.run(...)
 *     if !job.endEpoch(epoch, job.meanLoss(x, y), validation loss, elapsed): break
 * return job.finish(...)
 * </pre>
 */
public final class TrainingJob {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    /**
     * Rows per forward pass when computing the epoch loss. Up to this many rows the loss is computed
     * on the uploaded data directly; beyond it in chunks, which bounds the temporaries (a few floats
     * per row) but copies the rows.
     */
    private static final int EVALUATION_ROWS = 1 << 21;

    private final DataSource dataSource;
    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final List<Callback> callbacks;
    private final Device device;
    private final TrainingSettings settings;
    private final RandomStreams random;
    private final List<TrainingListener> listeners;
    private final LoadingProgress progress;
    private final Optional<ResumeFrom> resume;
    private final Map<ComponentKind<?>, List<Object>> components;
    /** The optimizer's {@code lr} option, which the schedule sets; null when it has none. */
    /** The optimizer's rate, which the schedule sets; null for an optimizer without {@link LearningRate}. */
    private final LearningRate learningRate;
    /** Writes checkpoints for callbacks ({@link EpochEvent#saveModel}); empty where there is no model-file writer. */
    private final Optional<RunWriter> writer;
    /** Where this run may write (never over one of its inputs), for the writer and callbacks. */
    private final Outputs outputs;

    private List<Parameter> parameters = List.of();
    private Dataset data;
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> validationLosses = new ArrayList<>();
    private final Map<String, List<Double>> metricHistory = new LinkedHashMap<>();
    private int firstEpoch = 1;
    private double rate = Double.NaN;
    private double baseRate = Double.NaN;
    private String stopReason;
    private int lastEpoch;
    /** The parameters and optimizer state as the current epoch started, to explain a divergence. */
    private EpochStart epochStart;

    /** A copy of what an epoch starts from: enough to replay it step by step. */
    private record EpochStart(int epoch, float[][] values, State optimizerState) {
    }

    TrainingJob(Map<ComponentKind<?>, List<Object>> components, TrainingSettings settings, RandomStreams random,
                List<TrainingListener> listeners, LoadingProgress progress, Optional<ResumeFrom> resume,
                Optional<RunWriter> writer, Outputs outputs) {
        this.outputs = outputs;
        this.components = components;
        this.writer = writer;
        this.dataSource = single(components, ComponentKind.DATA);
        this.model = single(components, ComponentKind.MODEL);
        this.loss = single(components, ComponentKind.LOSS);
        this.optimizer = single(components, ComponentKind.OPTIMIZER);
        this.schedule = single(components, ComponentKind.SCHEDULE);
        this.callbacks = components.get(ComponentKind.CALLBACKS).stream().map(Callback.class::cast).toList();
        this.device = single(components, ComponentKind.DEVICE);
        this.settings = settings;
        this.random = random;
        this.listeners = List.copyOf(listeners);
        this.progress = progress;
        this.resume = resume;
        this.learningRate = optimizer instanceof LearningRate rated ? rated : null;
    }

    private static <T> T single(Map<ComponentKind<?>, List<Object>> components, ComponentKind<T> kind) {
        return kind.type().cast(components.get(kind).get(0));
    }

    public Model model() {
        return model;
    }

    public Loss loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Device device() {
        return device;
    }

    public TrainingSettings settings() {
        return settings;
    }

    public RandomStreams random() {
        return random;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The components of any kind, as bound: how an engine reaches the components of a kind a plugin
     * declared ({@code job.components(MetricKinds.METRICS)}), in the config's order.
     */
    public <T> List<T> components(ComponentKind<T> kind) {
        List<Object> bound = components.get(kind);
        if (bound == null) {
            throw new IllegalArgumentException("this run has no kind '" + kind.key() + "'; is the jar that declares"
                    + " it among the plugins?");
        }
        return bound.stream().map(kind.type()::cast).toList();
    }

    /** The saved run this one continues, if any. */
    public Optional<ResumeFrom> resume() {
        return resume;
    }

    // ----- the pieces of the loop ------------------------------------------------------------

    /** Loads the data through the data source, with the run's data stream (and a resumed run's scaling). */
    public Dataset loadData() {
        long started = System.nanoTime();
        Dataset data = dataSource.load(new DataContext(random.data(), progress,
                resume.map(ResumeFrom::standardization), Optional.of(loss.task())));
        if (data.examples() == 0) {
            throw new TrainingException("the data set has no examples; there is nothing to train on");
        }
        LOG.debug("loaded the data in {} ms", (System.nanoTime() - started) / 1_000_000);
        return data;
    }

    /**
     * Creates the model's parameters for {@code data} and the optimizer's state; continues a resumed
     * run's parameters and states; starts the schedule and the callbacks; tells the listeners.
     *
     * @return the parameters, in the model's order
     */
    public List<Parameter> initialize(Dataset data, int batchesPerEpoch) {
        this.data = data;
        checkTask(data);
        model.initialize(new ModelContext(device, data.features(), modelOutputs(data), random.initialization(),
                data.classes()));
        parameters = model.parameters();
        checkOutputWidth(data);
        optimizer.initialize(parameters);
        if (learningRate != null) {
            baseRate = learningRate.learningRate();
            rate = baseRate;
            setRate(schedule.start(baseRate, settings.epochs()));
        } else if (schedule.changesRate()) {
            throw new TrainingException("the schedule '" + ComponentInfo.of(schedule).name() + "' changes the learning"
                    + " rate, but the optimizer '" + ComponentInfo.of(optimizer).name() + "' does not let a schedule set"
                    + " its rate (it does not implement dev.descent.api.LearningRate); use schedule = constant with this"
                    + " optimizer, or implement LearningRate in it");
        }
        resume.ifPresent(saved -> restore(saved, data));
        if (firstEpoch > settings.epochs()) {
            throw new TrainingException("the run in " + resume.map(ResumeFrom::source).orElse("the saved model")
                    + " has already trained " + (firstEpoch - 1) + " epoch(s), and train.epochs is "
                    + settings.epochs() + "; set train.epochs above " + (firstEpoch - 1) + " to train further");
        }
        lastEpoch = firstEpoch - 1;
        if (learningRate != null) {
            LOG.debug("epoch {} runs at learning rate {}", firstEpoch, rate);
        }
        for (Callback callback : callbacks) {
            callback.trainingStarted(parameters, outputs);
        }
        TrainingStart start = new TrainingStart(data, settings.epochs(), settings.batchSize(), batchesPerEpoch);
        listeners.forEach(l -> l.trainingStarted(start));
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
        TrainingListener[] batchListeners = listeners.stream().filter(TrainingJob::watchesBatches)
                .toArray(TrainingListener[]::new);
        return new TrainingStep(model, loss, optimizer, parameters, combiner, GradientClipping.of(settings),
                batchListeners, settings.l2(), settings.l1());
    }

    /**
     * Tells the listeners that watch batches that a batch (or, for an engine that steps elsewhere, a
     * round of steps) is done: what {@link TrainingStep#run} does for the steps it runs itself.
     *
     * @param lossSum the batch's summed loss
     */
    public void batchEnded(int epoch, int batch, int batches, int examples, double lossSum) {
        TrainingListener[] watching = listeners.stream().filter(TrainingJob::watchesBatches)
                .toArray(TrainingListener[]::new);
        if (watching.length == 0) {
            return;
        }
        try (TensorScope scope = TensorScope.open()) {
            BatchEnd end = new BatchEnd(epoch, batch, batches, examples, Tensor.scalar(device, (float) lossSum));
            for (TrainingListener listener : watching) {
                listener.batchEnded(end);
            }
        }
    }

    /** Tells the listeners that {@code epoch} starts, at the rate the schedule set. */
    public void startEpoch(int epoch) {
        float[][] values = new float[parameters.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = parameters.get(i).value().toFloatArray();
        }
        epochStart = new EpochStart(epoch, values, optimizer.saveState());
        OptionalDouble current = learningRate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
        listeners.forEach(l -> l.epochStarted(epoch, current));
    }

    /** The mean per-example loss over all of {@code x}, without tracking gradients. */
    public double meanLoss(Tensor x, Tensor y) {
        return figures(x, y).loss();
    }

    /**
     * An epoch's figures over all of {@code x}, without tracking gradients: the mean per-example loss
     * and, for classification, the accuracy (the share of rows whose largest logit is their class).
     */
    public EpochFigures figures(Tensor x, Tensor y) {
        long start = System.nanoTime();
        EpochFigures figures = computeFigures(x, y);
        if (LOG.isDebugEnabled()) {
            LOG.debug("loss over {} rows in {} ms", x.shape().dim(0), (System.nanoTime() - start) / 1_000_000);
        }
        return figures;
    }

    private EpochFigures computeFigures(Tensor x, Tensor y) {
        int n = x.shape().dim(0);
        boolean classify = data != null && data.isClassification();
        double sum = 0;
        long correct = 0;
        try (GradMode off = GradMode.disable()) {
            if (n <= EVALUATION_ROWS) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor yHat = model.forward(x);
                    // float / int, as evaluate computes it and as every release has reported it
                    float mean = TrainingStep.lossOf(loss, yHat, y, n).sum().item() / n;
                    correct = classify ? ClassPredictions.correct(yHat, y) : 0;
                    return new EpochFigures(mean, classify ? OptionalDouble.of((double) correct / n)
                            : OptionalDouble.empty());
                }
            } else {
                int[] rows = new int[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = i;
                }
                for (int from = 0; from < n; from += EVALUATION_ROWS) {
                    int count = Math.min(EVALUATION_ROWS, n - from);
                    try (TensorScope scope = TensorScope.open()) {
                        Tensor yHat = model.forward(x.gatherRows(rows, from, count));
                        Tensor yb = y.gatherRows(rows, from, count);
                        sum += TrainingStep.lossOf(loss, yHat, yb, count).sum().item();
                        correct += classify ? ClassPredictions.correct(yHat, yb) : 0;
                    }
                }
            }
        }
        return new EpochFigures(sum / n, classify ? OptionalDouble.of((double) correct / n) : OptionalDouble.empty());
    }

    private static final String SMALLER_RATE = "the learning rate is probably too large, try a smaller optimizer.lr"
            + " (e.g. a tenth of the current one)";

    /**
     * The error for an epoch whose loss is not finite, saying which part of which step first produced
     * a non-finite value: the epoch is replayed from its start ({@link #startEpoch} keeps a copy of
     * the parameters and the optimizer's state) over the same minibatches, checking after the model,
     * the loss, the gradients, the transforms and the update. Costs nothing until training diverges.
     *
     * @param order   the epoch's example order
     * @param batches the epoch's minibatches over {@code order}
     */
    public TrainingException diverged(int epoch, double epochLoss, TrainingStep step, Tensor x, Tensor y, int[] order,
                                      Minibatches batches) {
        String generic = "training diverged in epoch " + epoch + ": the mean loss became " + epochLoss + "; ";
        if (epochStart == null || epochStart.epoch() != epoch) {
            return new TrainingException(generic + SMALLER_RATE);
        }
        try {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).value().assign(epochStart.values()[i]);
            }
            optimizer.restoreState(epochStart.optimizerState());
            double startMagnitude = largestMagnitude();
            for (int b = 0; b < batches.count(); b++) {
                double magnitude = largestMagnitude();
                TrainingStep.NonFinite found = step.runChecked(x, y, order, batches.from(b), batches.size(b));
                if (found != null) {
                    return new TrainingException(nonFinite(found, epoch, b + 1, startMagnitude, magnitude));
                }
            }
            return new TrainingException(generic + "every step of the epoch stayed finite, but the loss over the"
                    + " whole data set did not (the parameters reached |p| ≤ " + String.format("%.3g", largestMagnitude())
                    + "); " + SMALLER_RATE);
        } catch (RuntimeException e) {
            LOG.debug("could not replay epoch {} to explain the divergence", epoch, e);
            return new TrainingException(generic + SMALLER_RATE);
        }
    }

    /**
     * Which of the data's values are too large, in words: the labels (a target of 3e38, whose squares
     * overflow), the features, or both, with the largest of each and what to do.
     */
    private String largestData() {
        double label = 0;
        double feature = 0;
        try {
            for (float v : data.labelVector()) {
                label = Math.max(label, Math.abs(v));
            }
            for (float v : data.featureMatrix()) {
                feature = Math.max(feature, Math.abs(v));
            }
        } catch (RuntimeException e) {
            return "the data's values are";   // a dataset without host arrays (on Spark's executors)
        }
        String labels = String.format(java.util.Locale.ROOT, "the labels (target '%s', up to |y| = %.3g)",
                data.labelName(), label);
        String features = String.format(java.util.Locale.ROOT, "the features (up to |x| = %.3g)", feature);
        // A squared error overflows past about 1.8e19; products of features and weights much later.
        String tooLarge = " too large for float arithmetic";
        String synthetic = data.trueParameters().isEmpty() ? ""
                : " (generated data: data.weights, data.bias and data.noise set their size)";
        if (label >= 1e18 && feature < 1e18) {
            return labels + " are" + tooLarge + ": scale the target down (divide it by a power of ten, and multiply the"
                    + " predictions back)" + synthetic;
        }
        if (feature >= 1e18 && label < 1e18) {
            return features + " are" + tooLarge + ": scale them down (a CSV's data.standardize = true standardises"
                    + " them)" + synthetic;
        }
        return labels + " and " + features + " are" + tooLarge + ": scale them down (a CSV's data.standardize = true"
                + " standardises the features)" + synthetic;
    }

    private String nonFinite(TrainingStep.NonFinite found, int epoch, int batch, double startMagnitude,
                             double magnitude) {
        boolean firstStep = epoch == firstEpoch && batch == 1;
        String what = switch (found.part()) {
            case MODEL -> "the model '" + ComponentInfo.of(model).name() + "' gave the first value that was not finite"
                    + " (from finite parameters)";
            case LOSS -> "the loss '" + ComponentInfo.of(loss).name() + "' gave the first value that was not finite"
                    + " (from finite predictions)";
            case GRADIENT -> "the gradient of parameter '" + found.parameter() + "' was the first value that was not"
                    + " finite (from a finite loss '" + ComponentInfo.of(loss).name() + "')";
            case COMBINE -> "combining the workers' gradients gave the first value that was not finite (in the"
                    + " gradient of '" + found.parameter() + "')";
            case TRANSFORM -> "gradient clipping (train.clip-norm, train.clip-value) gave the first value that was not"
                    + " finite (in the gradient of '" + found.parameter() + "')";
            case UPDATE -> "the optimizer '" + ComponentInfo.of(optimizer).name() + "' gave the first value that was"
                    + " not finite (parameter '" + found.parameter() + "', from finite gradients)";
        };
        String sizes = String.format("%.3g", magnitude);
        String why;
        if (firstStep && found.part() != TrainingStep.Part.UPDATE) {
            why = "this was the run's first step, from the initial parameters (|p| ≤ " + sizes + "), so "
                    + largestData();
        } else if (found.part() == TrainingStep.Part.UPDATE) {
            why = SMALLER_RATE;
        } else {
            why = "the parameters had grown to |p| ≤ " + sizes + " (from ≤ " + String.format("%.3g", startMagnitude)
                    + " as the epoch began): " + SMALLER_RATE;
        }
        return "training diverged in epoch " + epoch + ", batch " + batch + ": " + what + "; " + why;
    }

    private double largestMagnitude() {
        double largest = 0;
        for (Parameter p : parameters) {
            for (float v : p.value().toFloatArray()) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

    /**
     * Ends an epoch: checks the loss is finite, tells the listeners (the epoch line), then the
     * callbacks (which may ask to stop), then moves the schedule to the next epoch's rate.
     *
     * @param epoch the epoch's number across resumes: {@link #firstEpoch()} for the first of this run
     * @return whether training goes on: false when a callback asked to stop
     */
    public boolean endEpoch(int epoch, double epochLoss, OptionalDouble validationLoss, Duration elapsed) {
        return endEpoch(epoch, new EpochFigures(epochLoss, OptionalDouble.empty()), Optional.ofNullable(
                validationLoss.isPresent() ? new EpochFigures(validationLoss.getAsDouble(), OptionalDouble.empty())
                        : null), elapsed);
    }

    /**
     * Ends an epoch with its {@link #figures}: the training set's and, when there is one, the
     * validation set's. As {@link #endEpoch(int, double, OptionalDouble, Duration)}, with the accuracy
     * in the epoch line and in the callbacks' {@link EpochEvent#metrics()}.
     */
    public boolean endEpoch(int epoch, EpochFigures training, Optional<EpochFigures> validation, Duration elapsed) {
        double epochLoss = training.loss();
        OptionalDouble validationLoss = validation.isPresent() ? OptionalDouble.of(validation.get().loss())
                : OptionalDouble.empty();
        Map<String, Double> metrics = new LinkedHashMap<>();
        training.accuracy().ifPresent(a -> metrics.put("accuracy", a));
        validation.flatMap(v -> v.accuracy().isPresent() ? Optional.of(v.accuracy().getAsDouble()) : Optional.empty())
                .ifPresent(a -> metrics.put("validation-accuracy", a));
        if (!Double.isFinite(epochLoss)) {
            throw new TrainingException("training diverged in epoch " + epoch + ": the mean loss became "
                    + epochLoss + "; " + SMALLER_RATE);
        }
        lastEpoch = epoch;
        losses.add(epochLoss);
        validationLoss.ifPresent(validationLosses::add);
        metrics.forEach((name, value) -> metricHistory.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        EpochEnd end = new EpochEnd(epoch, settings.epochs(), epochLoss, validationLoss, elapsed, metrics);
        LOG.debug("epoch {} done after {} ms in all", epoch, elapsed.toMillis());
        if (LOG.isDebugEnabled() && (settings.l2() != 0 || settings.l1() != 0)) {
            try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
                Tensor penalty = TrainingStep.penalty(parameters, settings.l2(), settings.l1());
                LOG.debug("epoch {}: penalty {} on top of the data loss {}", epoch,
                        penalty == null ? 0 : penalty.item(), epochLoss);
            }
        }
        listeners.forEach(l -> l.epochEnded(end));
        EpochEvent event = new EpochEvent(epoch, settings.epochs(), epochLoss, validationLoss,
                learningRate == null ? OptionalDouble.empty() : OptionalDouble.of(rate), parameters,
                writer.<EpochEvent.ModelWriter>map(w -> file -> w.write(snapshot(Duration.ZERO, OptionalInt.empty()),
                        file, outputs)).orElse(null), outputs).withMetrics(metrics);
        try (GradMode off = GradMode.disable()) {
            for (Callback callback : callbacks) {
                callback.epochEnded(event);
                if (event.stopReason().isPresent() && stopReason == null) {
                    stopReason = event.stopReason().get() + " (callback '" + ComponentInfo.of(callback).name() + "')";
                }
            }
        }
        if (learningRate != null) {
            setRate(schedule.next(event, rate));
            if (epoch < settings.epochs()) {
                LOG.debug("epoch {} runs at learning rate {}", epoch + 1, rate);
            }
        }
        if (stopReason != null && epoch < settings.epochs()) {
            LOG.info("stopped after epoch {} of {}: {}", epoch, settings.epochs(), stopReason);
            return false;
        }
        return true;
    }

    /**
     * Tells the callbacks and listeners that training is over and gathers what the run produced. A
     * callback that writes back an earlier epoch's parameters (restore-best) makes that epoch's losses
     * the result's final ones.
     */
    public TrainingResult finish(Duration elapsed) {
        TrainingEnd end = new TrainingEnd(parameters, lastEpoch);
        try (GradMode off = GradMode.disable()) {
            for (Callback callback : callbacks) {
                callback.trainingEnded(end);
            }
        }
        OptionalInt kept = end.keptEpoch();
        int historyStart = lastEpoch - losses.size() + 1;   // the epoch of losses.get(0): 1 unless history is missing
        if (kept.isPresent() && kept.getAsInt() < historyStart) {
            throw new TrainingException("a callback kept the parameters of epoch " + kept.getAsInt()
                    + ", but this run knows the losses of epochs " + historyStart + " to " + lastEpoch + " only (the"
                    + " file it resumed lists no earlier ones); resume from a model file Descent wrote, or set"
                    + " restore-best = false");
        }
        TrainingResult result = snapshot(elapsed, kept.isPresent() ? OptionalInt.of(kept.getAsInt() - historyStart)
                : OptionalInt.empty());
        if (learningRate != null) {
            // The configured rate, not the schedule's last one, is what the saved config and provenance
            // record; the state carries where the schedule stands.
            learningRate.setLearningRate(baseRate);
        }
        listeners.forEach(l -> l.trainingEnded(result));
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
        return new TrainingResult(losses, validationLosses, values, shapes, data.trueParameters(),
                data.featureNames(), data.labelName(), modelOutputs(data), data.standardization(), elapsed,
                state(), Optional.ofNullable(stopReason), components, keptIndex, data.classes(), metricHistory);
    }

    /** Where the run stands now besides its parameters: what a model file carries for {@code --resume}. */
    public TrainingState state() {
        Map<String, State> callbackStates = new LinkedHashMap<>();
        for (Callback callback : callbacks) {
            callbackStates.put(ComponentInfo.of(callback).name(), callback.saveState());
        }
        return new TrainingState(lastEpoch, rate, optimizer.saveState(), schedule.saveState(), callbackStates);
    }

    // ----- internals ----------------------------------------------------------------------------

    /** What the model predicts per row: one value per target, or one logit per class. */
    private static int modelOutputs(Dataset data) {
        return data.isClassification() ? data.classes().size() : data.outputs();
    }

    /** Refuses a loss for numbers on class labels, and the other way round, before anything runs. */
    private void checkTask(Dataset data) {
        String lossName = ComponentInfo.of(loss).name();
        String dataName = ComponentInfo.of(dataSource).name();
        if (loss.task() == Task.CLASSIFICATION && !data.isClassification()) {
            throw new TrainingException("the loss '" + lossName + "' compares predictions with class labels, but the"
                    + " data from '" + dataName + "' has the numeric target " + data.labelName() + "; use a regression"
                    + " loss (loss = squared), or class labels (for csv data: data.task = classification)");
        }
        if (loss.task() == Task.REGRESSION && data.isClassification()) {
            throw new TrainingException("the loss '" + lossName + "' compares numbers, but the data from '" + dataName
                    + "' has classes (" + String.join(", ", data.classes()) + "); use loss = cross-entropy"
                    + (data.classes().size() == 2 ? " (or binary-cross-entropy with model = logistic)" : "")
                    + ", or numeric labels (for csv data: data.task = regression)");
        }
    }

    /** Checks the model predicts as many values per row as the labels need, on an empty batch. */
    private void checkOutputWidth(Dataset data) {
        int width;
        try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
            Shape out = model.forward(Tensor.zeros(device, Shape.of(0, data.features()))).shape();
            width = out.rank() == 2 ? out.dim(1) : out.rank() == 1 ? 1 : -1;
        }
        String modelName = ComponentInfo.of(model).name();
        if (data.isClassification()) {
            int k = data.classes().size();
            if (width != k && !(k == 2 && width == 1)) {
                throw new TrainingException("the model '" + modelName + "' predicts " + width + " value(s) per row, but"
                        + " the data has " + k + " classes (" + String.join(", ", data.classes()) + "); a classifier"
                        + " gives one logit per class" + (k == 2 ? " (or one for two classes)" : "")
                        + ": use model = softmax" + (k == 2 ? " or logistic" : ""));
            }
        } else if (width != data.outputs()) {
            throw new TrainingException("the model '" + modelName + "' predicts " + width + " value(s) per row, but the"
                    + " data has " + data.outputs() + " target(s) (" + data.labelName() + "); use a model with one"
                    + " output per target, such as linreg");
        }
    }

    private void setRate(double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new TrainingException("the schedule '" + ComponentInfo.of(schedule).name() + "' gave the learning rate "
                    + value + "; a learning rate must be a finite number, 0 or more");
        }
        rate = value;
        learningRate.setLearningRate(value);
    }

    /** Starts from a saved model's parameters and states, after checking they fit this data. */
    /**
     * The saved parameters fit the features as they were scaled then: a resumed run on features
     * scaled otherwise would train silently on the wrong scale.
     */
    private void checkScaling(ResumeFrom saved, Dataset data) {
        boolean wasScaled = saved.standardization() != null;
        boolean isScaled = data.standardization() != null;
        if (wasScaled != isScaled) {
            throw new TrainingException("cannot resume from " + saved.source() + ": it was trained on "
                    + (wasScaled ? "standardised" : "raw") + " features, but this run's data is "
                    + (isScaled ? "standardised" : "not standardised") + ", and its parameters only fit the scaling"
                    + " they were trained with; leave data.standardize as the saved run had it ("
                    + wasScaled + "), or train a new model");
        }
        if (wasScaled && !saved.standardization().equals(data.standardization())) {
            throw new TrainingException("cannot resume from " + saved.source() + ": the data source '"
                    + ComponentInfo.of(dataSource).name() + "' standardised the features with new statistics instead"
                    + " of the saved ones (DataContext.standardization()); it must reuse them when resuming");
        }
    }

    private void restore(ResumeFrom saved, Dataset data) {
        if (!saved.featureNames().equals(data.featureNames())) {
            throw new TrainingException("cannot resume from " + saved.source() + ": it was trained on the features "
                    + saved.featureNames() + " but this data has " + data.featureNames());
        }
        checkScaling(saved, data);
        java.util.Set<String> names = new java.util.HashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        for (String name : saved.parameters().keySet()) {
            if (!names.contains(name)) {
                throw new TrainingException("cannot resume from " + saved.source() + ": it has a parameter '" + name
                        + "' that model '" + ComponentInfo.of(model).name() + "' does not have (it has "
                        + names.stream().sorted().toList() + "); remove it, or resume with the model that wrote it");
            }
        }
        for (Parameter p : parameters) {
            float[] values = saved.parameters().get(p.name());
            if (values == null) {
                throw new TrainingException("cannot resume from " + saved.source() + ": it has no parameter '" + p.name()
                        + "' (it has " + saved.parameters().keySet() + ")");
            }
            if (values.length != p.value().size()) {
                throw new TrainingException("cannot resume from " + saved.source() + ": parameter '" + p.name() + "' has "
                        + values.length + " values there but shape " + p.value().shape() + " here");
            }
            p.value().assign(values);
        }
        TrainingState state = saved.state();
        boolean sameOptimizer = sameComponent(saved, ComponentKind.OPTIMIZER, optimizer);
        boolean sameSchedule = sameComponent(saved, ComponentKind.SCHEDULE, schedule);
        if (sameOptimizer) {
            restoreState(saved, "optimizer", () -> optimizer.restoreState(state.optimizer()));
        }
        if (sameSchedule) {
            restoreState(saved, "schedule", () -> schedule.restoreState(state.schedule()));
        }
        for (Callback callback : callbacks) {
            String name = ComponentInfo.of(callback).name();
            State callbackState = state.callbacks().get(name);
            if (callbackState != null) {
                restoreState(saved, "callback '" + name + "'", () -> callback.restoreState(callbackState));
            }
        }
        // The rate where the schedule left it, unless the schedule starts afresh: another optimizer or
        // schedule, or another configured lr (then the user's new lr is where it starts).
        String savedLr = saved.components().get(ComponentKind.OPTIMIZER.key() + ".lr");
        boolean sameLr = savedLr == null || Double.parseDouble(savedLr) == baseRate;
        if (learningRate != null && !Double.isNaN(state.learningRate()) && sameOptimizer && sameSchedule && sameLr) {
            setRate(state.learningRate());
        }
        firstEpoch = state.epoch() + 1;
        continueHistory(saved.history(), data);
        LOG.info("resuming from {}", saved.source());
    }

    /**
     * Starts the result's figures with the saved run's, so that they cover the whole run across
     * resumes (its loss curve, and the losses of an epoch early stopping keeps from before the
     * resume). Only a history that lines up with this run is taken: as many validation losses as
     * losses when this run validates too, none when it does not.
     */
    private void continueHistory(ResumeFrom.History history, Dataset data) {
        int epochs = history.losses().size();
        boolean validates = data.validation() != null;
        boolean lined = epochs > 0 && epochs <= firstEpoch - 1
                && history.validationLosses().size() == (validates ? epochs : 0)
                && history.metrics().values().stream().allMatch(values -> values.size() == epochs);
        if (!lined) {
            return;
        }
        losses.addAll(history.losses());
        validationLosses.addAll(history.validationLosses());
        history.metrics().forEach((name, values) -> metricHistory.put(name, new ArrayList<>(values)));
    }

    /**
     * Whether {@code component} is what the saved run used for {@code kind}: its state applies only
     * then. Another one (adam after sgd) starts afresh, and the log says so.
     */
    private static boolean sameComponent(ResumeFrom saved, ComponentKind<?> kind, Object component) {
        String before = saved.components().get(kind.key());
        String now = ComponentInfo.of(component).name();
        if (before == null || before.equals(now)) {
            return true;
        }
        LOG.info("the {} is now '{}' (the saved run used '{}'): it starts with fresh state", kind.noun(), now, before);
        return false;
    }

    private static void restoreState(ResumeFrom saved, String what, Runnable restore) {
        try {
            restore.run();
        } catch (IllegalArgumentException e) {
            throw new TrainingException("cannot resume from " + saved.source() + ": the " + what
                    + "'s saved state does not fit this run: " + e.getMessage(), e);
        }
    }

    /** Whether {@code listener} does something per batch (overrides the empty default). */
    private static boolean watchesBatches(TrainingListener listener) {
        try {
            return listener.getClass().getMethod("batchEnded", BatchEnd.class).getDeclaringClass() != TrainingListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
