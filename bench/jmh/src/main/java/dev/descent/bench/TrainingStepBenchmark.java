package dev.descent.bench;

import dev.descent.train.RandomStreams;
import dev.descent.train.TrainingSettings;
import dev.descent.train.TrainingStep;

import dev.descent.api.ModelContext;
import dev.descent.data.Minibatches;
import dev.descent.api.Parameter;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.plugins.linreg.LinearRegression;
import dev.descent.plugins.sgd.MinibatchSgd;
import dev.descent.plugins.squaredloss.SquaredLoss;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One warm W2 training step — a shuffled 10 × 2 batch through the book's model, loss, backward,
 * SGD update and zeroed gradients — by the trainer's own {@code step}, with the bundled plugins on
 * the {@code cpu} device. W2 is 100,000 of these, so this is its per-step overhead with the JIT's
 * warm-up taken out (docs/performance.md). Run: {@code bench/jmh.sh TrainingStep}, and
 * {@code -prof gc} for the bytes allocated per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmn32m"})
public class TrainingStepBenchmark {

    private static final int EXAMPLES = 1_000_000;
    private static final int BATCH = 10;

    private CpuDevice device;
    private TrainingStep step;
    private Tensor x;
    private Tensor y;
    private Minibatches minibatches;
    private List<Parameter> parameters;
    private int batch;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        float[] features = new float[EXAMPLES * 2];
        float[] labels = new float[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            float a = (float) random.nextGaussian();
            float b = (float) random.nextGaussian();
            features[2 * i] = a;
            features[2 * i + 1] = b;
            labels[i] = 2f * a - 3.4f * b + 4.2f + 0.01f * (float) random.nextGaussian();
        }
        device = new CpuDevice();
        x = Tensor.adopt(device, features, Shape.of(EXAMPLES, 2));
        y = Tensor.adopt(device, labels, Shape.of(EXAMPLES, 1));
        RandomStreams streams = new RandomStreams(42);
        LinearRegression model = new LinearRegression();
        model.initialize(new ModelContext(device, 2, 1, streams.initialization()));
        parameters = model.parameters();
        // The trainer's own step with its seams (local: no gradients to combine, no transforms, no listeners).
        step = TrainingStep.forWorker(model, new SquaredLoss(), new MinibatchSgd(), new TrainingSettings());
        minibatches = new Minibatches(EXAMPLES, BATCH, streams.shuffling());
        minibatches.shuffle();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        y.close();
        device.close();
    }

    @Benchmark
    public void step() {
        int batches = minibatches.count();
        batch = batch + 1 == batches ? 0 : batch + 1;
        step.run(x, y, minibatches.order(), minibatches.from(batch), minibatches.size(batch), 1, batch + 1, batches);
    }
}
