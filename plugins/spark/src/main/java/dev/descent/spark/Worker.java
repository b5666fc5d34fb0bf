package dev.descent.spark;

import dev.descent.api.ComponentKind;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.data.Minibatches;
import dev.descent.eval.ClassPredictions;
import dev.descent.plugin.OptionBinder;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import dev.descent.train.TrainingSettings;
import dev.descent.train.TrainingStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The run's components in an executor, for one partition: the model, loss, optimizer and device the
 * driver configured, rebuilt from a {@link WorkerSpec} with the same plugins, and what the engine
 * asks of a partition — a batch's gradients, a round of local steps, the loss over its rows.
 *
 * <p>Executors keep one worker per run and partition (Spark may run several partitions of a run in
 * one executor at once, each in its own thread); a new run's first task drops the others.
 */
final class Worker {

    /** Rows per forward pass when computing the loss over a whole block. */
    private static final int EVALUATION_ROWS = 1 << 20;

    private static final Map<String, Worker> WORKERS = new HashMap<>();
    private static final Map<ClassLoader, PluginRegistry> REGISTRIES = new HashMap<>();

    private final WorkerSpec spec;
    private final PluginRegistry registry;
    private final RunConfig config;
    private final Device device;
    private final Model model;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final TrainingSettings settings;
    private Block adopted;
    private Tensor x;
    private Tensor y;
    private int shuffledEpoch = -1;
    private Minibatches minibatches;

    private Worker(WorkerSpec spec, PluginRegistry registry) {
        this.spec = spec;
        this.registry = registry;
        RunConfig c = RunConfig.empty();
        for (Map.Entry<String, String> e : spec.config().entrySet()) {
            c = c.with(e.getKey(), e.getValue(), "the Spark driver");
        }
        this.config = c;
        Device d = create(ComponentKind.DEVICE, Map.of("threads", "1"));
        this.device = d;
        this.model = create(ComponentKind.MODEL, Map.of());
        this.loss = create(ComponentKind.LOSS, Map.of());
        this.settings = new TrainingSettings();
        OptionBinder.bind(settings, OptionBinder.optionsOf(TrainingSettings.class), "train", "the trainer",
                config.section("train"));
        model.initialize(new ModelContext(device, spec.features(), spec.outputs(), new SplittableRandom(spec.seed()),
                spec.classes()));
        this.parameters = model.parameters();
    }

    /** The worker of {@code spec}'s run for {@code partition}, created the first time. */
    static Worker of(WorkerSpec spec, int partition) {
        String key = spec.run() + "/" + partition;
        synchronized (WORKERS) {
            Worker worker = WORKERS.get(key);
            if (worker == null) {
                WORKERS.entrySet().removeIf(e -> {
                    if (!e.getKey().startsWith(spec.run() + "/")) {
                        e.getValue().device.close();
                        return true;
                    }
                    return false;
                });
                worker = new Worker(spec, registry(spec));
                WORKERS.put(key, worker);
            }
            return worker;
        }
    }

    /** Drops this executor's workers of {@code run} (their components, devices and rows): the run is over. */
    static void release(String run) {
        synchronized (WORKERS) {
            WORKERS.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(run + "/")) {
                    e.getValue().device.close();
                    return true;
                }
                return false;
            });
        }
    }

    /**
     * The plugins this executor sees: its class path (the application jar, and jars Spark shipped with
     * {@code spark.jars}), plus the driver's plugin-folder jars when they exist here (local mode) and
     * the class path lacks a component.
     */
    private static PluginRegistry registry(WorkerSpec spec) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        boolean visible = spec.classNames().stream().allMatch(name -> {
            try {
                Class.forName(name, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
        List<Path> jars = new ArrayList<>();
        if (!visible) {
            spec.pluginJars().stream().map(Path::of).filter(Files::isRegularFile).forEach(jars::add);
        }
        return jars.isEmpty() ? registry(loader) : PluginRegistry.discover(loader, jars);
    }

    /** The plugins on {@code loader}'s class path, discovered once per class loader. */
    static PluginRegistry registry(ClassLoader loader) {
        synchronized (REGISTRIES) {
            return REGISTRIES.computeIfAbsent(loader, PluginRegistry::discover);
        }
    }

    private <T> T create(ComponentKind<T> kind, Map<String, String> preferred) {
        ConfigValue choice = config.get(kind.key()).orElseThrow();
        PluginDescriptor descriptor;
        try {
            descriptor = registry.require(kind, choice.value(), choice);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the " + kind.noun() + " '" + choice.value() + "' is not on this executor's"
                    + " class path: ship its jar with spark.jars (--jars), or put it in the application jar ("
                    + e.getMessage() + ")", e);
        }
        RunConfig options = config;
        for (Map.Entry<String, String> p : preferred.entrySet()) {
            String key = descriptor.optionPrefix() + "." + p.getKey();
            if (descriptor.options().containsKey(p.getKey())) {
                options = options.with(key, p.getValue(), "the Spark engine");
            }
        }
        return kind.type().cast(registry.create(descriptor, options.section(descriptor.optionPrefix())));
    }

    private void load(float[][] values) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().assign(values[i]);
        }
    }

    private void adopt(Block block) {
        if (adopted != block) {
            if (x != null) {
                x.close();
                y.close();
            }
            x = Tensor.adopt(device, block.x(), Shape.of(block.rows(), block.features()));
            y = Tensor.adopt(device, block.y(), Shape.of(block.rows(), block.outputs()));
            adopted = block;
        }
    }

    /**
     * The gradients of the summed loss over this block's rows among {@code batch} (global indices, in
     * the batch's order), at parameters {@code values}; zeros when the batch has none of its rows.
     */
    synchronized Partial gradient(int partition, Block block, long[] batch, float[][] values) {
        int[] rows = new int[batch.length];
        int count = 0;
        for (long index : batch) {
            long local = index - block.first();
            if (local >= 0 && local < block.rows()) {
                rows[count++] = (int) local;
            }
        }
        float[][] gradients = new float[parameters.size()][];
        if (count == 0) {
            for (int i = 0; i < gradients.length; i++) {
                gradients[i] = new float[parameters.get(i).value().size()];
            }
            return new Partial(partition, gradients, 0, 0, 0);
        }
        load(values);
        adopt(block);
        TrainingStep step = TrainingStep.forWorker(model, loss, null, settings);
        double lossSum;
        try (TensorScope scope = TensorScope.open()) {
            Tensor xb = x.gatherRows(rows, 0, count);
            Tensor yb = y.gatherRows(rows, 0, count);
            // Dropout's masks: from the run seed, the batch (its first row) and the partition, the same on a retry.
            Tensor total = step.forwardAndLoss(xb, yb, TrainingStep.trainingPass(spec.seed(), batch[0], partition));
            step.backward(total);
            lossSum = total.item();
            for (int i = 0; i < gradients.length; i++) {
                gradients[i] = parameters.get(i).value().grad().toFloatArray();
            }
            step.zero();
        }
        return new Partial(partition, gradients, lossSum, 0, count);
    }

    /**
     * One round of local SGD on this block: from {@code values} (and the optimizer state
     * {@code state}, or a fresh one), the local minibatches {@code fromBatch … fromBatch + steps − 1}
     * of the epoch's shuffled order; the parameters and optimizer state after them.
     *
     * @param optimizerConfig the optimizer and its options as they stand on the driver (the schedule
     *                        moves its learning rate)
     */
    synchronized Partial localRound(int partition, Block block, float[][] values, Partial.SavedState state,
                                    Map<String, String> optimizerConfig, int epoch, int fromBatch, int steps,
                                    int batchSize) {
        load(values);
        if (block.rows() == 0) {
            return new Partial(partition, values, 0, 0, 0, state);
        }
        adopt(block);
        RunConfig options = config;
        for (Map.Entry<String, String> e : optimizerConfig.entrySet()) {
            options = options.with(e.getKey(), e.getValue(), "the Spark driver");
        }
        ConfigValue choice = options.get(ComponentKind.OPTIMIZER.key()).orElseThrow();
        PluginDescriptor descriptor = registry.require(ComponentKind.OPTIMIZER, choice.value(), choice);
        Optimizer optimizer = (Optimizer) registry.create(descriptor, options.section(descriptor.optionPrefix()));
        optimizer.initialize(parameters);
        if (state != null) {
            optimizer.restoreState(state.toState());
        }
        if (shuffledEpoch != epoch || minibatches == null) {
            // Each partition's own order for the epoch, from the run seed: the same on a retry.
            long seed = spec.seed() * 0x9E3779B97F4A7C15L + 31L * epoch + 0x632BE59BD9B4E019L * (partition + 1);
            minibatches = new Minibatches(block.rows(), batchSize, new SplittableRandom(seed));
            minibatches.shuffle();
            shuffledEpoch = epoch;
        }
        TrainingStep step = TrainingStep.forWorker(model, loss, optimizer, settings,
                spec.seed() ^ 0x632BE59BD9B4E019L * (partition + 1));   // dropout's masks: each partition its own
        int[] order = minibatches.order();
        int last = Math.min(minibatches.count(), fromBatch + steps);
        long rows = 0;
        for (int b = fromBatch; b < last; b++) {
            step.run(x, y, order, minibatches.from(b), minibatches.size(b), epoch, b + 1, minibatches.count());
            rows += minibatches.size(b);
        }
        float[][] after = new float[parameters.size()][];
        for (int i = 0; i < after.length; i++) {
            after[i] = parameters.get(i).value().toFloatArray();
        }
        return new Partial(partition, after, 0, 0, rows, Partial.SavedState.of(optimizer.saveState()));
    }

    /** The summed loss (and, for classification, the rows classified right) over this block at {@code values}. */
    synchronized Partial figures(int partition, Block block, float[][] values) {
        if (block.rows() == 0) {
            return new Partial(partition, new float[0][], 0, 0, 0);
        }
        load(values);
        adopt(block);
        boolean classify = !spec.classes().isEmpty();
        double sum = 0;
        long correct = 0;
        int n = block.rows();
        try (GradMode off = GradMode.disable()) {
            if (n <= EVALUATION_ROWS) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor yHat = model.forward(x);
                    sum = loss.apply(yHat, y).sum().item();
                    correct = classify ? ClassPredictions.correct(yHat, y) : 0;
                }
            } else {
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                for (int from = 0; from < n; from += EVALUATION_ROWS) {
                    int count = Math.min(EVALUATION_ROWS, n - from);
                    try (TensorScope scope = TensorScope.open()) {
                        Tensor yHat = model.forward(x.gatherRows(all, from, count));
                        Tensor yb = y.gatherRows(all, from, count);
                        sum += loss.apply(yHat, yb).sum().item();
                        correct += classify ? ClassPredictions.correct(yHat, yb) : 0;
                    }
                }
            }
        }
        return new Partial(partition, new float[0][], sum, correct, n);
    }
}
