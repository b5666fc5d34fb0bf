package dev.descent.plugins.cpu;

import com.google.auto.service.AutoService;
import dev.descent.api.BinaryOp;
import dev.descent.api.Device;
import dev.descent.api.DeviceBuffer;
import dev.descent.api.Plugin;
import dev.descent.api.ScalarOp;
import dev.descent.api.UnaryOp;
import dev.descent.tensor.Shape;

/**
 * Tensors in float arrays on the Java heap, kernels as plain loops. Memory is the garbage
 * collector's: {@link #release} only forgets the array.
 *
 * <p>Every loop runs in a fixed order on one thread, so results are bit-identical from run to run.
 * Reductions accumulate in double.
 */
@AutoService(Device.class)
@Plugin(name = "cpu", description = "Pure Java kernels on the JVM heap; deterministic, no native code")
public final class CpuDevice implements Device {

    @Override
    public String description() {
        return "cpu (pure Java, 1 thread)";
    }

    @Override
    public DeviceBuffer allocate(int length) {
        return new CpuBuffer(length);
    }

    /** The array itself: device memory is the heap, so a data set is not held twice. */
    @Override
    public DeviceBuffer adopt(float[] values) {
        return new CpuBuffer(values);
    }

    @Override
    public void release(DeviceBuffer buffer) {
        // The garbage collector reclaims the array once the tensor is gone.
    }

    @Override
    public void upload(float[] source, DeviceBuffer target) {
        float[] t = data(target);
        System.arraycopy(source, 0, t, 0, t.length);
    }

    @Override
    public void download(DeviceBuffer source, float[] target) {
        float[] s = data(source);
        System.arraycopy(s, 0, target, 0, s.length);
    }

    @Override
    public void fill(DeviceBuffer target, float value) {
        java.util.Arrays.fill(data(target), value);
    }

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        float[] a = data(x);
        float[] o = data(out);
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) o[i] = -a[i]; }
            case SQUARE -> { for (int i = 0; i < n; i++) o[i] = a[i] * a[i]; }
            case ABS -> { for (int i = 0; i < n; i++) o[i] = Math.abs(a[i]); }
            case SIGN -> { for (int i = 0; i < n; i++) o[i] = Math.signum(a[i]); }
            case EXP -> { for (int i = 0; i < n; i++) o[i] = (float) Math.exp(a[i]); }
            case LOG -> { for (int i = 0; i < n; i++) o[i] = (float) Math.log(a[i]); }
            case SQRT -> { for (int i = 0; i < n; i++) o[i] = (float) Math.sqrt(a[i]); }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    @Override
    public void scalar(ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        float[] a = data(x);
        float[] o = data(out);
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[i] = a[i] + s; }
            case MUL -> { for (int i = 0; i < n; i++) o[i] = a[i] * s; }
            case REVERSE_SUB -> { for (int i = 0; i < n; i++) o[i] = s - a[i]; }
            case REVERSE_DIV -> { for (int i = 0; i < n; i++) o[i] = s / a[i]; }
            case POW -> { for (int i = 0; i < n; i++) o[i] = (float) Math.pow(a[i], s); }
            case MAX -> { for (int i = 0; i < n; i++) o[i] = Math.max(a[i], s); }
            case MIN -> { for (int i = 0; i < n; i++) o[i] = Math.min(a[i], s); }
            case GREATER -> { for (int i = 0; i < n; i++) o[i] = a[i] > s ? 1f : 0f; }
            case LESS -> { for (int i = 0; i < n; i++) o[i] = a[i] < s ? 1f : 0f; }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape,
                       DeviceBuffer out, Shape outShape) {
        float[] x = data(a);
        float[] y = data(b);
        float[] o = data(out);
        int n = outShape.size();
        if (n == 0) {
            return;
        }
        if (aShape.size() == n && bShape.size() == n) {
            apply(op, x, 0, 1, y, 0, 1, o, 0, n);
            return;
        }
        int rank = outShape.rank();
        int[] dims = outShape.dims();
        int[] aStrides = broadcastStrides(aShape, rank);
        int[] bStrides = broadcastStrides(bShape, rank);
        int inner = dims[rank - 1];
        int[] counter = new int[rank];
        int aOffset = 0;
        int bOffset = 0;
        for (int start = 0; start < n; start += inner) {
            apply(op, x, aOffset, aStrides[rank - 1], y, bOffset, bStrides[rank - 1], o, start, inner);
            // Advance the odometer over every dimension but the last.
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                aOffset += aStrides[d];
                bOffset += bStrides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                aOffset -= aStrides[d] * dims[d];
                bOffset -= bStrides[d] * dims[d];
                counter[d] = 0;
            }
        }
    }

    private static void apply(BinaryOp op, float[] x, int xo, int xs, float[] y, int yo, int ys,
                              float[] o, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] + y[yo + i * ys]; }
            case SUB -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] - y[yo + i * ys]; }
            case MUL -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] * y[yo + i * ys]; }
            case DIV -> { for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] / y[yo + i * ys]; }
            default -> throw new UnsupportedOperationException(op.name());
        }
    }

    /** Row-major strides of {@code shape} aligned to {@code rank} dimensions, 0 where it is broadcast. */
    private static int[] broadcastStrides(Shape shape, int rank) {
        int[] strides = new int[rank];
        int[] dims = shape.dims();
        int offset = rank - dims.length;
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d + offset] = dims[d] == 1 ? 0 : stride;
            stride *= dims[d];
        }
        return strides;
    }

    @Override
    public void matmul(DeviceBuffer a, boolean transposeA, DeviceBuffer b, boolean transposeB,
                       DeviceBuffer c, int m, int n, int k, boolean accumulate) {
        float[] x = data(a);
        float[] y = data(b);
        float[] z = data(c);
        if (!accumulate) {
            java.util.Arrays.fill(z, 0, m * n, 0f);
        }
        if (transposeA && !transposeB) {
            // c += aᵀ b with a stored k × m: walk a's rows (contiguous) in the outer loop. Every c[i][j]
            // still adds its terms in p order, so the result is bit-identical to the i-outer order.
            for (int p = 0; p < k; p++) {
                int aRow = p * m;
                int bRow = p * n;
                if (n == 1) {
                    float bp = y[p];
                    for (int i = 0; i < m; i++) {   // a saxpy the JIT vectorises
                        z[i] += x[aRow + i] * bp;
                    }
                    continue;
                }
                for (int i = 0; i < m; i++) {
                    float aip = x[aRow + i];
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        z[row + j] += aip * y[bRow + j];
                    }
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = i * n;
            if (transposeB) {
                for (int j = 0; j < n; j++) {
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        sum += (transposeA ? x[p * m + i] : x[i * k + p]) * y[j * k + p];
                    }
                    z[row + j] += sum;
                }
            } else if (n == 1) {
                // A matrix-vector product (the model's X w): a running sum in a register, the same
                // additions in the same order as the general loop below, without a memory round trip each.
                float sum = z[i];
                int aRow = i * k;
                for (int p = 0; p < k; p++) {
                    sum += x[aRow + p] * y[p];
                }
                z[i] = sum;
            } else {
                for (int p = 0; p < k; p++) {
                    float aip = x[i * k + p];
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        z[row + j] += aip * y[bRow + j];
                    }
                }
            }
        }
    }

    @Override
    public void reduceSum(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        float[] v = data(x);
        float[] o = data(out);
        int n = xShape.size();
        if (outShape.size() == 1) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i];
            }
            o[0] = (float) sum;
            return;
        }
        int rank = xShape.rank();
        int[] dims = xShape.dims();
        int[] outStrides = broadcastStrides(outShape, rank);
        double[] sums = new double[outShape.size()];
        int[] counter = new int[rank];
        int outOffset = 0;
        for (int i = 0; i < n; i++) {
            sums[outOffset] += v[i];
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                outOffset += outStrides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                outOffset -= outStrides[d] * dims[d];
                counter[d] = 0;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            o[i] = (float) sums[i];
        }
    }

    @Override
    public void transpose(DeviceBuffer x, int rows, int cols, DeviceBuffer out) {
        float[] v = data(x);
        float[] o = data(out);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                o[c * rows + r] = v[r * cols + c];
            }
        }
    }

    @Override
    public void gatherRows(DeviceBuffer x, int cols, int[] indices, int from, int count, DeviceBuffer out) {
        float[] v = data(x);
        float[] o = data(out);
        for (int i = 0; i < count; i++) {
            System.arraycopy(v, indices[from + i] * cols, o, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(DeviceBuffer source, int cols, int[] indices, int from, int count, DeviceBuffer target) {
        float[] s = data(source);
        float[] t = data(target);
        for (int i = 0; i < count; i++) {
            int row = indices[from + i] * cols;
            for (int c = 0; c < cols; c++) {
                t[row + c] += s[i * cols + c];
            }
        }
    }

    @Override
    public void axpy(float alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        float[] a = data(x);
        float[] b = data(y);
        for (int i = 0; i < n; i++) {
            b[i] += alpha * a[i];
        }
    }

    @Override
    public void close() {
        // Nothing native to free.
    }

    private static float[] data(DeviceBuffer buffer) {
        if (buffer instanceof CpuBuffer cpu) {
            return cpu.data;
        }
        throw new IllegalArgumentException("buffer " + buffer + " does not belong to the cpu device");
    }
}
