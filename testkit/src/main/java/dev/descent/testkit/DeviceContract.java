package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.UnaryOp;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Kernel;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link Device} must meet: each kernel against a double-precision reference,
 * broadcasting, empty, one-element and large shapes, in-place use, and determinism. Extend it and
 * say how to make your device:
 *
 * <pre>{@code
 * class MyDeviceTest extends DeviceContract {
 *     @Override protected Device createDevice() { return new MyDevice(); }
 * }
 * }</pre>
 */
public abstract class DeviceContract extends OnDevice {

    /** Relative error allowed for one float32 rounding of an elementwise result. */
    private static final double ELEMENTWISE_RELATIVE = 2e-6;

    private final SplittableRandom random = new SplittableRandom(2024);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 1000, 1 << 20})
    void uploadThenDownloadReturnsTheSameValues(int length) {
        float[] values = randomValues(length, -5, 5);
        float[] back = roundTrip(values);
        assertThat(back).isEqualTo(values);
    }

    @Test
    void anAdoptedArrayReadsBackUnchanged() {
        float[] values = randomValues(1000, -5, 5);
        float[] copy = values.clone();
        DeviceBuffer buffer = device.adopt(values);
        assertThat(buffer.length()).isEqualTo(1000);
        assertThat(download(buffer)).isEqualTo(copy);
    }

    @Test
    void allocatedBuffersStartAsZeros() {
        DeviceBuffer buffer = device.allocate(1000);
        assertThat(buffer.length()).isEqualTo(1000);
        assertThat(download(buffer)).containsOnly(0f);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1001})
    void fillSetsEveryElement(int length) {
        DeviceBuffer buffer = device.allocate(length);
        device.fill(buffer, 2.5f);
        float[] values = download(buffer);
        assertThat(values).hasSize(length);
        for (float v : values) {
            assertThat(v).isEqualTo(2.5f);
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryKernelsMatchTheReference(UnaryOp op) {
        for (int n : new int[] {0, 1, 1023}) {
            boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT;
            float[] x = randomValues(n, positiveOnly ? 0.01 : -4, 4);
            if (n > 0 && op == UnaryOp.SIGN) {
                x[0] = 0f;
            }
            DeviceBuffer out = device.allocate(n);
            device.unary(op, upload(x), out, n);
            float[] actual = download(out);
            for (int i = 0; i < n; i++) {
                double expected = op.apply(x[i]);
                assertThat((double) actual[i]).as("%s(%s)", op, x[i])
                        .isCloseTo(expected, within(1e-6 + 4 * ELEMENTWISE_RELATIVE * Math.abs(expected)));
            }
        }
    }

    @Test
    void sigmoidAndSoftplusStayFiniteForHugeInputs() {
        float[] x = {-1e4f, -100, -20, -0f, 0, 20, 100, 1e4f, -Float.MAX_VALUE, Float.MAX_VALUE};
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SIGMOID, UnaryOp.SOFTPLUS}) {
            DeviceBuffer out = device.allocate(x.length);
            device.unary(op, upload(x), out, x.length);
            float[] actual = download(out);
            for (int i = 0; i < x.length; i++) {
                double expected = op.apply(x[i]);
                assertThat((double) actual[i]).as("%s(%s)", op, x[i])
                        .isCloseTo(expected, within(1e-6 + 4 * ELEMENTWISE_RELATIVE * Math.abs(expected)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ScalarOp.class)
    void scalarKernelsMatchTheReference(ScalarOp op) {
        for (int n : new int[] {0, 1, 1023}) {
            boolean positiveOnly = op == ScalarOp.POW || op == ScalarOp.REVERSE_DIV;
            float[] x = randomValues(n, positiveOnly ? 0.1 : -4, 4);
            float s = op == ScalarOp.POW ? 1.5f : 0.75f;
            DeviceBuffer out = device.allocate(n);
            device.scalar(op, upload(x), s, out, n);
            float[] actual = download(out);
            for (int i = 0; i < n; i++) {
                double expected = op.apply(x[i], s);
                assertThat((double) actual[i]).as("%s(%s, %s)", op, x[i], s)
                        .isCloseTo(expected, within(1e-6 + 4 * ELEMENTWISE_RELATIVE * Math.abs(expected)));
            }
        }
    }

    @Test
    void elementwiseKernelsMayWriteInPlace() {
        float[] x = randomValues(100, -2, 2);
        DeviceBuffer buffer = upload(x);
        device.scalar(ScalarOp.MUL, buffer, 3f, buffer, 100);
        device.unary(UnaryOp.NEG, buffer, buffer, 100);
        device.binary(BinaryOp.ADD, buffer, Shape.of(100), buffer, Shape.of(100), buffer, Shape.of(100));
        float[] actual = download(buffer);
        for (int i = 0; i < 100; i++) {
            assertThat(actual[i]).isEqualTo(-3f * x[i] * 2f);
        }
    }

    static Stream<Arguments> broadcastPairs() {
        return Stream.of(
                Arguments.of(Shape.of(10, 1), Shape.of(10, 1)),
                Arguments.of(Shape.of(10, 1), Shape.of(1)),
                Arguments.of(Shape.of(10, 3), Shape.of(3)),
                Arguments.of(Shape.of(10, 3), Shape.of(10, 1)),
                Arguments.of(Shape.of(1), Shape.of(7, 4)),
                Arguments.of(Shape.SCALAR, Shape.of(5)),
                Arguments.of(Shape.of(4, 1), Shape.of(1, 5)),
                Arguments.of(Shape.of(2, 3, 4), Shape.of(3, 1)),
                Arguments.of(Shape.of(2, 1, 4), Shape.of(1, 3, 1)),
                Arguments.of(Shape.of(0, 3), Shape.of(3)),
                Arguments.of(Shape.of(2, 1, 3, 1, 2), Shape.of(3, 2, 1)),
                Arguments.of(Shape.of(1000, 257), Shape.of(257)));
    }

    @ParameterizedTest
    @MethodSource("broadcastPairs")
    void binaryKernelsBroadcastLikeNumpy(Shape aShape, Shape bShape) {
        Shape outShape = Shape.broadcast(aShape, bShape);
        for (BinaryOp op : BinaryOp.values()) {
            float[] a = randomValues(aShape.size(), -3, 3);
            float[] b = op == BinaryOp.DIV ? randomValues(bShape.size(), 0.5, 3) : randomValues(bShape.size(), -3, 3);
            DeviceBuffer out = device.allocate(outShape.size());
            device.binary(op, upload(a), aShape, upload(b), bShape, out, outShape);
            double[] expected = ReferenceKernels.binary(op, a, aShape, b, bShape, outShape);
            assertClose(download(out), expected, op + " " + aShape + " with " + bShape);
        }
    }

    static Stream<Arguments> reductions() {
        return Stream.of(
                Arguments.of(Shape.of(10, 1), Shape.SCALAR),
                Arguments.of(Shape.of(10, 1), Shape.of(1)),
                Arguments.of(Shape.of(1), Shape.SCALAR),
                Arguments.of(Shape.of(0, 4), Shape.SCALAR),
                Arguments.of(Shape.of(0, 4), Shape.of(4)),
                Arguments.of(Shape.of(6, 4), Shape.of(4)),
                Arguments.of(Shape.of(6, 4), Shape.of(6, 1)),
                Arguments.of(Shape.of(6, 4), Shape.of(1, 4)),
                Arguments.of(Shape.of(2, 3, 4), Shape.of(3, 1)),
                Arguments.of(Shape.of(2, 3, 4), Shape.of(2, 1, 4)),
                Arguments.of(Shape.of(2, 3, 1, 2, 2), Shape.of(3, 1, 1, 1)),
                Arguments.of(Shape.of(1_000_000), Shape.SCALAR),
                Arguments.of(Shape.of(4096, 300), Shape.of(300)));
    }

    @ParameterizedTest
    @MethodSource("reductions")
    void reduceSumMatchesTheReference(Shape xShape, Shape outShape) {
        float[] x = randomValues(xShape.size(), -1, 1);
        DeviceBuffer out = device.allocate(outShape.size());
        device.reduceSum(upload(x), xShape, out, outShape);
        double[] expected = ReferenceKernels.reduceSum(x, xShape, outShape);
        float[] magnitudes = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            magnitudes[i] = Math.abs(x[i]);
        }
        double[] sumOfMagnitudes = ReferenceKernels.reduceSum(magnitudes, xShape, outShape);
        float[] actual = download(out);
        for (int i = 0; i < expected.length; i++) {
            // A float32 tree reduction errs by at most about log2(t) roundings of Σ|x|; allow a tenth of that bound.
            double tolerance = 1e-6 + 1e-7 * sumOfMagnitudes[i];
            assertThat((double) actual[i]).as("sum of %s to %s, element %d", xShape, outShape, i)
                    .isCloseTo(expected[i], within(tolerance));
        }
    }

    @ParameterizedTest
    @MethodSource("reductions")
    void reduceMaxMatchesTheReferenceExactly(Shape xShape, Shape outShape) {
        float[] x = randomValues(xShape.size(), -1e4, 1e4);
        DeviceBuffer out = device.allocate(outShape.size());
        device.reduceMax(upload(x), xShape, out, outShape);
        double[] expected = ReferenceKernels.reduceMax(x, xShape, outShape);
        float[] actual = download(out);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("max of %s to %s, element %d", xShape, outShape, i).isEqualTo(expected[i]);
        }
    }

    @Test
    void reduceMaxPropagatesNaNAndInfinity() {
        float[] x = {1, Float.NaN, 3, -2, Float.POSITIVE_INFINITY, 0, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        DeviceBuffer out = device.allocate(3);
        device.reduceMax(upload(x), Shape.of(3, 3), out, Shape.of(3, 1));
        assertThat(download(out)).as("row maxima of [[1, NaN, 3], [-2, inf, 0], [-inf, -inf, NaN]]")
                .containsExactly(Float.NaN, Float.POSITIVE_INFINITY, Float.NaN);
    }

    static Stream<Arguments> products() {
        return Stream.of(
                Arguments.of(1, 1, 1), Arguments.of(10, 1, 2), Arguments.of(1, 10, 2), Arguments.of(2, 1, 10),
                Arguments.of(0, 3, 2), Arguments.of(3, 0, 2), Arguments.of(3, 2, 0),
                Arguments.of(17, 13, 19), Arguments.of(256, 1, 512), Arguments.of(64, 33, 257));
    }

    @ParameterizedTest
    @MethodSource("products")
    void matmulMatchesTheReferenceForEveryTransposition(int m, int n, int k) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] a = randomValues(m * k, -1, 1);
                float[] b = randomValues(k * n, -1, 1);
                double[][] expected = ReferenceKernels.matmul(a, ta, b, tb, m, n, k);
                float[] initial = randomValues(m * n, -1, 1);
                for (boolean accumulate : new boolean[] {false, true}) {
                    DeviceBuffer c = upload(initial);
                    device.matmul(upload(a), ta, upload(b), tb, c, m, n, k, accumulate);
                    float[] actual = download(c);
                    for (int i = 0; i < m * n; i++) {
                        double want = expected[0][i] + (accumulate ? initial[i] : 0);
                        double tolerance = 1e-6 + 1e-6 * (expected[1][i] + Math.abs(initial[i])) * Math.sqrt(k + 1);
                        assertThat((double) actual[i])
                                .as("(%d×%d)·(%d×%d) ta=%s tb=%s accumulate=%s element %d", m, k, k, n, ta, tb,
                                        accumulate, i)
                                .isCloseTo(want, within(tolerance));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 100})
    void transposeSwapsRowsAndColumns(int rows) {
        int cols = 7;
        float[] x = randomValues(rows * cols, -1, 1);
        DeviceBuffer out = device.allocate(rows * cols);
        device.transpose(upload(x), rows, cols, out);
        float[] actual = download(out);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertThat(actual[c * rows + r]).isEqualTo(x[r * cols + c]);
            }
        }
    }

    @Test
    void gatherRowsCopiesTheChosenRowsInOrder() {
        int rows = 50;
        int cols = 3;
        float[] x = randomValues(rows * cols, -1, 1);
        int[] indices = {9, 49, 0, 9, 3, 17};
        DeviceBuffer out = device.allocate(4 * cols);
        device.gatherRows(upload(x), cols, indices, 1, 4, out);
        float[] actual = download(out);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < cols; c++) {
                assertThat(actual[i * cols + c]).isEqualTo(x[indices[1 + i] * cols + c]);
            }
        }
    }

    @Test
    void gatherOfNoRowsIsEmpty() {
        DeviceBuffer out = device.allocate(0);
        device.gatherRows(upload(randomValues(6, -1, 1)), 3, new int[] {1}, 0, 0, out);
        assertThat(download(out)).isEmpty();
    }

    @Test
    void scatterAddRowsAddsIntoRepeatedRows() {
        int cols = 2;
        float[] target = randomValues(5 * cols, -1, 1);
        float[] source = randomValues(4 * cols, -1, 1);
        int[] indices = {-1, 3, 0, 3, 4};
        DeviceBuffer t = upload(target);
        device.scatterAddRows(upload(source), cols, indices, 1, 4, t);
        double[] expected = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            expected[i] = target[i];
        }
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < cols; c++) {
                expected[indices[1 + i] * cols + c] += source[i * cols + c];
            }
        }
        assertClose(download(t), expected, "scatterAddRows");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4097})
    void axpyAddsAScaledVector(int n) {
        float[] x = randomValues(n, -1, 1);
        float[] y = randomValues(n, -1, 1);
        DeviceBuffer yBuffer = upload(y);
        device.axpy(-0.25f, upload(x), yBuffer, n);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = y[i] - 0.25 * x[i];
        }
        assertClose(download(yBuffer), expected, "axpy");
    }

    @Test
    void kernelsAreDeterministic() {
        float[] a = randomValues(300 * 64, -1, 1);
        float[] b = randomValues(64 * 5, -1, 1);
        float[] first = null;
        for (int run = 0; run < 3; run++) {
            DeviceBuffer c = device.allocate(300 * 5);
            device.matmul(upload(a), false, upload(b), false, c, 300, 5, 64, false);
            DeviceBuffer total = device.allocate(1);
            device.reduceSum(c, Shape.of(300, 5), total, Shape.SCALAR);
            float[] result = download(total);
            if (first == null) {
                first = result;
            } else {
                assertThat(result).containsExactly(first);
            }
        }
    }

    @Test
    void everyKernelListedAsNativeIsImplementedByTheDevice() {
        for (Kernel kernel : device.nativeKernels()) {
            boolean overridden = Arrays.stream(device.getClass().getMethods())
                    .filter(m -> m.getName().equals(KERNEL_METHODS.get(kernel)))
                    .anyMatch(m -> m.getDeclaringClass() != Device.class);
            assertThat(overridden).as("%s lists %s as native but runs the host fallback (it does not override %s)",
                    device.getClass().getName(), kernel.label(), KERNEL_METHODS.get(kernel)).isTrue();
        }
    }

    /** The method of {@link Device} each kernel is. */
    private static final Map<Kernel, String> KERNEL_METHODS = Map.of(Kernel.UNARY, "unary", Kernel.SCALAR, "scalar",
            Kernel.BINARY, "binary", Kernel.MATMUL, "matmul", Kernel.REDUCE_SUM, "reduceSum", Kernel.REDUCE_MAX,
            "reduceMax", Kernel.TRANSPOSE, "transpose", Kernel.GATHER_ROWS, "gatherRows", Kernel.SCATTER_ADD_ROWS,
            "scatterAddRows", Kernel.AXPY, "axpy");

    @Test
    void releasedBuffersCanBeReleasedAgain() {
        DeviceBuffer buffer = device.allocate(10);
        device.release(buffer);
        device.release(buffer);
    }

    // ----- helpers --------------------------------------------------------------------------

    protected float[] randomValues(int n, double low, double high) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return v;
    }

    protected DeviceBuffer upload(float[] values) {
        DeviceBuffer buffer = device.allocate(values.length);
        device.upload(values, buffer);
        return buffer;
    }

    protected float[] download(DeviceBuffer buffer) {
        float[] out = new float[buffer.length()];
        device.download(buffer, out);
        return out;
    }

    private float[] roundTrip(float[] values) {
        return download(upload(values));
    }

    private static void assertClose(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s, element %d", what, i)
                    .isCloseTo(expected[i], within(1e-6 + 4 * ELEMENTWISE_RELATIVE * Math.abs(expected[i])));
        }
    }
}
