package dev.descent.plugins.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.UnaryOp;
import dev.descent.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cpu device gives the same bits whatever its thread count and whichever dot product it uses:
 * every kernel, at sizes large enough to be split between threads, on one thread against several.
 */
class CpuDeterminismTest {

    private static final int ROWS = 6_001;
    private static final int COLS = 97;

    /** Runs every kernel on the same inputs and returns every output, in order. */
    private static List<float[]> runKernels(CpuDevice device) {
        Random random = new Random(7);
        float[] xs = gaussian(random, ROWS * COLS);
        float[] ws = gaussian(random, COLS);
        float[] gs = gaussian(random, ROWS);
        int[] order = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            order[i] = (i * 7919) % ROWS;
        }
        DeviceBuffer x = device.adopt(xs);
        DeviceBuffer w = device.adopt(ws);
        DeviceBuffer g = device.adopt(gs);
        List<float[]> outputs = new ArrayList<>();
        Function<DeviceBuffer, float[]> read = buffer -> {
            float[] values = new float[buffer.length()];
            device.download(buffer, values);
            return values;
        };
        DeviceBuffer batch = device.allocate(ROWS * COLS);
        device.gatherRows(x, COLS, order, 0, ROWS, batch);
        outputs.add(read.apply(batch));
        DeviceBuffer product = device.allocate(ROWS);
        device.matmul(batch, false, w, false, product, ROWS, 1, COLS, false);
        outputs.add(read.apply(product));
        DeviceBuffer gradient = device.adopt(ws.clone());
        device.matmul(batch, true, g, false, gradient, COLS, 1, ROWS, true);   // Xᵀ·g added to w
        outputs.add(read.apply(gradient));
        DeviceBuffer square = device.allocate(COLS * COLS);
        device.matmul(batch, true, batch, false, square, COLS, COLS, ROWS, false);   // XᵀX
        outputs.add(read.apply(square));
        DeviceBuffer gram = device.allocate(256 * 256);
        device.matmul(batch, false, batch, true, gram, 256, 256, COLS, false);   // X Xᵀ of the first rows
        outputs.add(read.apply(gram));
        DeviceBuffer total = device.allocate(1);
        device.reduceSum(batch, Shape.of(ROWS, COLS), total, Shape.SCALAR);
        outputs.add(read.apply(total));
        DeviceBuffer columns = device.allocate(COLS);
        device.reduceSum(batch, Shape.of(ROWS, COLS), columns, Shape.of(1, COLS));
        outputs.add(read.apply(columns));
        DeviceBuffer elementwise = device.allocate(ROWS * COLS);
        device.unary(UnaryOp.SQUARE, batch, elementwise, ROWS * COLS);
        device.scalar(ScalarOp.MUL, elementwise, 0.5f, elementwise, ROWS * COLS);
        device.binary(BinaryOp.SUB, elementwise, Shape.of(ROWS, COLS), x, Shape.of(ROWS, COLS), elementwise,
                Shape.of(ROWS, COLS));
        device.binary(BinaryOp.ADD, elementwise, Shape.of(ROWS, COLS), w, Shape.of(1, COLS), elementwise,
                Shape.of(ROWS, COLS));
        device.axpy(-0.25f, batch, elementwise, ROWS * COLS);
        outputs.add(read.apply(elementwise));
        return outputs;
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 3, 5})
    void everyKernelGivesTheSameBitsOnAnyNumberOfThreads(int threads) {
        List<float[]> one = runKernels(device(1));
        List<float[]> many = runKernels(device(threads));
        assertThat(many).hasSameSizeAs(one);
        for (int i = 0; i < one.size(); i++) {
            // Arrays.mismatch compares the bits (floatToIntBits); -1 means none differ.
            assertThat(Arrays.mismatch(many.get(i), one.get(i))).as("first differing element of output %d", i)
                    .isEqualTo(-1);
        }
    }

    @Test
    void theKernelsAreSplitBetweenThreadsAtTheseSizes() {
        // Otherwise the test above would compare one thread with one thread.
        assertThat(ROWS * COLS).isGreaterThan(2 * CpuDevice.CHUNK);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 2, 7, 8, 9, 100, 512, 1_003})
    void theVectorDotProductGivesThePlainOnesBits(int n) {
        assumeThat(ModuleLayer.boot().findModule("jdk.incubator.vector"))
                .as("the JVM runs without --add-modules jdk.incubator.vector").isPresent();
        Dot vector = Dot.best();
        assumeThat(vector).as("no 256-bit vectors on this CPU").isInstanceOf(VectorDot.class);
        Dot plain = new Dot.PlainDot();
        Random random = new Random(n);
        for (int trial = 0; trial < 50; trial++) {
            float[] a = gaussian(random, n + 3);
            float[] b = gaussian(random, n + 5);
            assertThat(Float.floatToRawIntBits(vector.dot(a, 3, b, 5, n)))
                    .isEqualTo(Float.floatToRawIntBits(plain.dot(a, 3, b, 5, n)));
        }
    }

    @Test
    void theDotProductAddsInItsDocumentedOrder() {
        float[] a = new float[11];
        float[] ones = new float[11];
        for (int i = 0; i < 11; i++) {
            a[i] = (float) Math.scalb(1.0, i * 3) * (i % 2 == 0 ? 1 : -1) + 0.1f * i;
            ones[i] = 1f;
        }
        float s0 = a[0], s1 = a[1], s2 = a[2], s3 = a[3], s4 = a[4], s5 = a[5], s6 = a[6], s7 = a[7];
        float expected = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        expected += a[8];
        expected += a[9];
        expected += a[10];
        assertThat(new Dot.PlainDot().dot(a, 0, ones, 0, 11)).isEqualTo(expected);
        assertThat(Dot.best().dot(a, 0, ones, 0, 11)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7, 10, 1023})
    void theWeightGradientAddsEachRowsProductsInRowOrder(int rows) {
        // Xᵀ·g added into the gradient: element i must be (((c + x0i g0) + x1i g1) + x2i g2) + ...,
        // exactly, however many rows a pass over the gradient takes at once.
        int cols = 5;
        Random random = new Random(rows);
        float[] xs = gaussian(random, rows * cols);
        float[] gs = gaussian(random, rows);
        float[] start = gaussian(random, cols);
        float[] expected = start.clone();
        for (int p = 0; p < rows; p++) {
            for (int i = 0; i < cols; i++) {
                expected[i] += xs[p * cols + i] * gs[p];
            }
        }
        CpuDevice device = device(1);
        DeviceBuffer gradient = device.adopt(start.clone());
        device.matmul(device.adopt(xs), true, device.adopt(gs), false, gradient, cols, 1, rows, true);
        float[] actual = new float[cols];
        device.download(gradient, actual);
        assertThat(actual).containsExactly(expected);
    }

    private static CpuDevice device(int threads) {
        CpuDevice device = new CpuDevice();
        device.setThreads(threads);
        return device;
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
