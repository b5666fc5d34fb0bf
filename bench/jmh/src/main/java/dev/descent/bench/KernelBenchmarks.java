package dev.descent.bench;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Shape;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code cpu} device's kernels at the sizes of one training step of the workloads in
 * docs/performance.md: a batch of {@code rows × cols} gathered from a data set of {@code dataRows}
 * rows, the model's product {@code X·w}, the weights' gradient {@code Xᵀ·g}, a general matrix product
 * in both orientations, the sum of the per-example losses, the bias gradient's broadcast add and the
 * optimizer's update. {@code threads} is the device option of the same name.
 *
 * <p>Run: {@code bench/jmh.sh Kernel} (add {@code -jvmArgsAppend --add-modules=jdk.incubator.vector}
 * for the Vector API).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class KernelBenchmarks {

    /** rows × cols of a batch: W2's, W3's and W4's. */
    @Param({"10x2", "256x512", "1024x100"})
    public String batch;

    @Param({"1", "2"})
    public int threads;

    /** Rows of the data set the batch is gathered from (W4 has 2,000,000; 500,000 keeps memory modest). */
    private static final int DATA_ROWS = 500_000;

    private Device device;
    private int rows;
    private int cols;
    private int[] order;
    private int from;
    private DeviceBuffer data;
    private DeviceBuffer x;
    private DeviceBuffer w;
    private DeviceBuffer g;
    private DeviceBuffer product;
    private DeviceBuffer gradient;
    private DeviceBuffer square;
    private DeviceBuffer squareOut;
    private DeviceBuffer scalar;
    private DeviceBuffer bias;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] dims = batch.split("x");
        rows = Integer.parseInt(dims[0]);
        cols = Integer.parseInt(dims[1]);
        CpuDevice cpu = new CpuDevice();
        var field = CpuDevice.class.getDeclaredField("threads");
        field.setAccessible(true);
        field.setInt(cpu, threads);
        device = cpu;
        Random random = new Random(42);
        int dataRows = Math.min(DATA_ROWS, 100_000_000 / cols);
        data = device.adopt(gaussian(random, dataRows * cols));
        order = new int[dataRows];
        for (int i = 0; i < dataRows; i++) {
            order[i] = i;
        }
        for (int i = dataRows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        x = device.allocate(rows * cols);
        device.gatherRows(data, cols, order, 0, rows, x);
        w = device.adopt(gaussian(random, cols));
        g = device.adopt(gaussian(random, rows));
        product = device.allocate(rows);
        gradient = device.allocate(cols);
        square = device.adopt(gaussian(random, 128 * 128));
        squareOut = device.allocate(128 * 128);
        scalar = device.allocate(1);
        bias = device.adopt(new float[] {4.2f});
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        device.close();
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** A batch's rows from shuffled places in the data set (the next batch each call). */
    @Benchmark
    public DeviceBuffer gatherRows() {
        from = from + 2 * rows > order.length ? 0 : from + rows;
        device.gatherRows(data, cols, order, from, rows, x);
        return x;
    }

    /** The model's forward product: (rows × cols) · (cols × 1). */
    @Benchmark
    public DeviceBuffer matmulTimesVector() {
        device.matmul(x, false, w, false, product, rows, 1, cols, false);
        return product;
    }

    /** The weights' gradient: (rows × cols)ᵀ · (rows × 1), added into the gradient as backward() does. */
    @Benchmark
    public DeviceBuffer matmulTransposedTimesVector() {
        device.matmul(x, true, g, false, gradient, cols, 1, rows, true);
        return gradient;
    }

    /** A general 128 × 128 × 128 product, plain orientation. */
    @Benchmark
    public DeviceBuffer matmulSquare() {
        device.matmul(square, false, square, false, squareOut, 128, 128, 128, false);
        return squareOut;
    }

    /** A general 128 × 128 × 128 product, {@code a · bᵀ}. */
    @Benchmark
    public DeviceBuffer matmulSquareTransposedB() {
        device.matmul(square, false, square, true, squareOut, 128, 128, 128, false);
        return squareOut;
    }

    /** The batch's total loss: the sum of rows × cols values. */
    @Benchmark
    public DeviceBuffer reduceSumToScalar() {
        device.reduceSum(x, Shape.of(rows, cols), scalar, Shape.SCALAR);
        return scalar;
    }

    /** The model's bias added to every prediction. */
    @Benchmark
    public DeviceBuffer addBias() {
        device.binary(BinaryOp.ADD, product, Shape.of(rows, 1), bias, Shape.of(1), product, Shape.of(rows, 1));
        return product;
    }

    /** The optimizer's update of the weights. */
    @Benchmark
    public void axpyUpdate(Blackhole hole) {
        device.axpy(-1e-6f, gradient, w, cols);
        hole.consume(w);
    }
}
