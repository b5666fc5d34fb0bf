package dev.descent.bench;

import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import dev.descent.run.Descent;
import dev.descent.run.RunResolver;
import dev.descent.train.Run;
import java.time.Instant;
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
 * A service's predictions from a warm {@link Predictor}: a {@code linreg} model of 100 features with
 * a saved standardisation (as a CSV-trained model has), one row at a time and 1,000 rows at a time,
 * without allocating; and, for comparison, the tensor path {@code predict(features, rows)} that
 * {@code descent predict} uses. Run: {@code bench/jmh.sh Predictor} (add {@code -prof gc} to see
 * the bytes allocated per call). Figures: docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class PredictorBenchmark {

    private static final int FEATURES = 100;
    private static final int ROWS = 1000;

    private Predictor predictor;
    private float[] row;
    private float[] rows;
    private float[] work;
    private float[] out;

    @Setup(Level.Trial)
    public void setUp() {
        PluginRegistry registry = PluginRegistry.discover(PredictorBenchmark.class.getClassLoader());
        RunConfig config = RunConfig.empty().withOverride("data.random-weights=" + FEATURES)
                .withOverride("train.epochs=1").withOverride("data.examples=2000");
        Run run = RunResolver.resolve(config, registry);
        ModelFile trained = Descent.train(run, List.of(), List.of()).toModelFile(Instant.EPOCH);
        double[] mean = new double[FEATURES];
        double[] std = new double[FEATURES];
        SplittableRandom random = new SplittableRandom(1);
        for (int j = 0; j < FEATURES; j++) {
            mean[j] = random.nextDouble(-5, 5);
            std[j] = random.nextDouble(0.5, 3);
        }
        ModelFile file = new ModelFile(trained.format(), trained.formatVersion(), trained.model(), trained.features(),
                trained.target(), trained.outputs(), trained.task(), trained.classes(),
                new ModelFile.Scaling(mean, std), null, trained.parameters(), trained.state(), trained.config(),
                trained.provenance());
        predictor = Predictor.load(file, registry);
        rows = new float[ROWS * FEATURES];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian() * 3;
        }
        row = java.util.Arrays.copyOf(rows, FEATURES);
        work = new float[rows.length];
        out = new float[ROWS];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        predictor.close();
    }

    /** One row of 100 features: standardised, times w, plus b. */
    @Benchmark
    public float oneRow() {
        return predictor.predict(row);
    }

    /** 1,000 rows into a caller's array. */
    @Benchmark
    public float[] thousandRows() {
        predictor.predict(rows, ROWS, out);
        return out;
    }

    /** 1,000 rows through the model's forward pass on the cpu device (what {@code descent predict} runs). */
    @Benchmark
    public float[] thousandRowsThroughTensors() {
        System.arraycopy(rows, 0, work, 0, rows.length);   // it scales its input in place
        return predictor.predict(work, ROWS);
    }
}
