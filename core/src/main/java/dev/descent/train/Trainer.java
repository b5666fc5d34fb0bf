package dev.descent.train;

import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Device;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book's training loop, over whatever components were bound:
 *
 * <pre>
 * for epoch in 1..epochs:
 *     shuffle the example indices
 *     for each minibatch (X, y):
 *         l = loss(model(X), y)          # one loss per example
 *         l.sum().backward()
 *         optimizer.step(parameters, batch_size)
 *         zero the gradients
 *     report the mean loss over the whole data set
 * </pre>
 *
 * A non-finite epoch loss stops the run with a {@link TrainingException} instead of training on
 * garbage.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

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
    private final Device device;
    private final TrainingSettings settings;
    private final RandomStreams random;
    private final List<TrainingListener> listeners;
    /** The listeners that override {@link TrainingListener#batchEnded}: the only ones called per batch. */
    private final TrainingListener[] batchListeners;
    private final LoadingProgress progress;
    private final Optional<ResumeFrom> resume;

    @Inject
    public Trainer(DataSource dataSource, Model model, Loss loss, Optimizer optimizer, Device device,
                   TrainingSettings settings, RandomStreams random, Set<TrainingListener> listeners,
                   LoadingProgress progress, Optional<ResumeFrom> resume) {
        this.dataSource = dataSource;
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.device = device;
        this.settings = settings;
        this.random = random;
        this.listeners = List.copyOf(listeners);
        this.batchListeners = this.listeners.stream().filter(Trainer::watchesBatches).toArray(TrainingListener[]::new);
        this.progress = progress;
        this.resume = resume;
    }

    /** The model being trained; its parameters hold the trained values after {@link #train()}. */
    public Model model() {
        return model;
    }

    /** Loads the data, initialises the model and trains it. */
    public TrainingResult train() {
        long started = System.nanoTime();
        Dataset data = dataSource.load(new DataContext(random.data(), progress,
                resume.map(ResumeFrom::standardization)));
        int n = data.examples();
        if (n == 0) {
            throw new TrainingException("the data set has no examples; there is nothing to train on");
        }
        LOG.debug("loaded the data in {} ms", (System.nanoTime() - started) / 1_000_000);
        int batchSize = settings.batchSize();
        Minibatches minibatches = new Minibatches(n, batchSize, random.shuffling());
        int batches = minibatches.count();
        LOG.debug("training on {} examples × {} features, {} batches of up to {}, device {}", n, data.features(),
                batches, batchSize, device.description());

        // The data set's arrays are never modified, so the device may use them without a copy.
        Tensor x = Tensor.adopt(device, data.featureMatrix(), Shape.of(n, data.features()));
        Tensor y = Tensor.adopt(device, data.labelVector(), Shape.of(n, data.outputs()));
        Dataset heldOut = data.validation();
        Tensor xValidation = heldOut == null ? null
                : Tensor.adopt(device, heldOut.featureMatrix(), Shape.of(heldOut.examples(), heldOut.features()));
        Tensor yValidation = heldOut == null ? null
                : Tensor.adopt(device, heldOut.labelVector(), Shape.of(heldOut.examples(), heldOut.outputs()));
        try {
            model.initialize(new ModelContext(device, data.features(), data.outputs(), random.initialization()));
            List<Parameter> parameters = model.parameters();
            resume.ifPresent(saved -> restore(saved, parameters, data));
            listeners.forEach(l -> l.trainingStarted(new TrainingStart(data, settings.epochs(), batchSize, batches)));

            long trainingStarted = System.nanoTime();   // the clock of "training seconds": after loading and set-up
            List<Double> losses = new ArrayList<>();
            List<Double> validationLosses = new ArrayList<>();
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                minibatches.shuffle();
                for (int b = 0; b < batches; b++) {
                    step(x, y, minibatches.order(), minibatches.from(b), minibatches.size(b), parameters, epoch, b + 1,
                            batches);
                }
                double epochLoss = meanLoss(x, y);
                if (!Double.isFinite(epochLoss)) {
                    throw new TrainingException("training diverged in epoch " + epoch + ": the mean loss became "
                            + epochLoss + "; the learning rate is probably too large, try a smaller optimizer.lr"
                            + " (e.g. a tenth of the current one)");
                }
                losses.add(epochLoss);
                OptionalDouble validationLoss = OptionalDouble.empty();
                if (xValidation != null) {
                    validationLoss = OptionalDouble.of(meanLoss(xValidation, yValidation));
                    validationLosses.add(validationLoss.getAsDouble());
                }
                EpochEnd end = new EpochEnd(epoch, settings.epochs(), epochLoss, validationLoss,
                        Duration.ofNanos(System.nanoTime() - trainingStarted));
                LOG.debug("epoch {} done after {} ms in all", epoch, end.elapsed().toMillis());
                listeners.forEach(l -> l.epochEnded(end));
            }
            Map<String, Shape> shapes = new LinkedHashMap<>();
            parameters.forEach(p -> shapes.put(p.name(), p.value().shape()));
            TrainingResult result = new TrainingResult(losses, validationLosses, valuesOf(parameters), shapes,
                    data.trueParameters(), data.featureNames(), data.labelName(), data.standardization(),
                    Duration.ofNanos(System.nanoTime() - trainingStarted));
            listeners.forEach(l -> l.trainingEnded(result));
            return result;
        } finally {
            x.close();
            y.close();
            if (xValidation != null) {
                xValidation.close();
                yValidation.close();
            }
        }
    }

    /** One minibatch step; package-private for the step benchmark (bench/jmh, TrainingStepBenchmark). */
    void step(Tensor x, Tensor y, int[] order, int from, int count, List<Parameter> parameters,
                      int epoch, int batch, int batches) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor xb = x.gatherRows(order, from, count);
            Tensor yb = y.gatherRows(order, from, count);
            Tensor l = perExampleLoss(xb, yb, count);
            Tensor total = l.sum();
            total.backward();
            try (GradMode off = GradMode.disable()) {
                optimizer.step(parameters, count);
            }
            for (Parameter p : parameters) {
                p.value().zeroGrad();
            }
            if (batchListeners.length > 0) {
                notifyBatchEnded(new BatchEnd(epoch, batch, batches, count, total));
            }
        }
    }

    private Tensor perExampleLoss(Tensor xb, Tensor yb, int count) {
        Tensor l = loss.apply(model.forward(xb), yb);
        if (l.size() != count) {
            throw new TrainingException("the loss " + loss.getClass().getName() + " returned shape " + l.shape()
                    + " for a batch of " + count + " examples; a loss must return one value per example");
        }
        return l;
    }

    /** The mean per-example loss over all of {@code x}, without tracking gradients. */
    private double meanLoss(Tensor x, Tensor y) {
        int n = x.shape().dim(0);
        double sum = 0;
        try (GradMode off = GradMode.disable()) {
            if (n <= EVALUATION_ROWS) {
                try (TensorScope scope = TensorScope.open()) {
                    return perExampleLoss(x, y, n).sum().item() / n;
                }
            }
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            for (int from = 0; from < n; from += EVALUATION_ROWS) {
                int count = Math.min(EVALUATION_ROWS, n - from);
                try (TensorScope scope = TensorScope.open()) {
                    sum += perExampleLoss(x.gatherRows(rows, from, count), y.gatherRows(rows, from, count), count)
                            .sum().item();
                }
            }
        }
        return sum / n;
    }

    /** Kept out of {@link #step} so that the hot method stays small enough for the JIT to inline into. */
    private void notifyBatchEnded(BatchEnd end) {
        for (TrainingListener listener : batchListeners) {
            listener.batchEnded(end);
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

    /** Starts from a saved model's parameters, after checking they fit this data. */
    private static void restore(ResumeFrom saved, List<Parameter> parameters, Dataset data) {
        if (!saved.featureNames().equals(data.featureNames())) {
            throw new TrainingException("cannot resume from " + saved.source() + ": it was trained on the features "
                    + saved.featureNames() + " but this data has " + data.featureNames());
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
        LOG.info("resuming from {}", saved.source());
    }

    private static Map<String, float[]> valuesOf(List<Parameter> parameters) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            values.put(p.name(), p.value().toFloatArray());
        }
        return values;
    }
}
