package dev.descent.bench;

import dev.descent.cli.ProgressDisplay;

import dev.descent.api.Dataset;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Tensor;
import dev.descent.train.BatchEnd;
import dev.descent.train.BatchEnd;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingStart;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
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
 * What the progress bar costs the training thread per batch: {@link ProgressDisplay#batchEnded} as
 * the trainer calls it after every step, with the bar shown from the first batch (delay 0) so that
 * the 5-a-second loss reads and hand-overs to the terminal thread are included. Multiplied by W2's
 * 100,000 steps and divided by W2's training time, this is the bar's share of a W2 run, resolved far
 * below the run-to-run noise of timing whole runs ({@link ProgressBarBenchmark}).
 *
 * <p>Run: {@code bench/jmh.sh ProgressListener}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ProgressListenerBenchmark {

    private static final int BATCHES = 100_000;

    private CpuDevice device;
    private Tensor loss;
    private ProgressDisplay display;
    private TrainingListener none;
    private int batch;

    @Setup(Level.Trial)
    public void setUp() {
        device = new CpuDevice();
        loss = Tensor.of(device, new float[] {0.042f}, dev.descent.tensor.Shape.SCALAR);
        display = new ProgressDisplay(new PrintStream(OutputStream.nullOutputStream()), 0);
        Dataset data = new Dataset(new float[BATCHES * 10], new float[BATCHES * 10], List.of("x1"), "y", Map.of());
        display.trainingStarted(new TrainingStart(data, 1, 10, BATCHES));
        none = new TrainingListener() {
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        display.close();
        device.close();
    }

    private BatchEnd next() {
        batch = batch == BATCHES ? 1 : batch + 1;
        return new BatchEnd(1, batch, BATCHES, 10, loss);
    }

    /** The bar's listener, shown. */
    @Benchmark
    public void progressBar() {
        display.batchEnded(next());
    }

    /** A listener that does nothing, for the cost of the call and the event itself. */
    @Benchmark
    public void emptyListener() {
        none.batchEnded(next());
    }
}
