package dev.descent.tensor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Device} kernels on the host, for devices that do not run them natively: operands are
 * downloaded, computed here in plain Java (sums in double, in a fixed order) and the result is
 * uploaded. Correct on any device that implements the memory primitives; slow, since every call
 * copies its operands both ways.
 */
final class HostKernels {

    private static final Logger LOG = LoggerFactory.getLogger(Device.class);
    /** "device class/kernel" pairs already reported, so each fallback is logged once per process. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private HostKernels() {
    }

    /** The ops of {@code type} that API {@code 2.minor} and earlier added. */
    static <E extends Enum<E>> Set<E> upTo(Class<E> type, java.util.function.ToIntFunction<E> since, int minor) {
        Set<E> ops = java.util.EnumSet.noneOf(type);
        for (E op : type.getEnumConstants()) {
            if (since.applyAsInt(op) <= minor) {
                ops.add(op);
            }
        }
        return java.util.Collections.unmodifiableSet(ops);
    }

    static void unaryOnHost(Device device, UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        fallback(device, Kernel.UNARY, op);
        float[] o = read(device, out);
        unary(op, read(device, x), o, n);
        device.upload(o, out);
    }

    static void scalarOnHost(Device device, ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        fallback(device, Kernel.SCALAR, op);
        float[] o = read(device, out);
        scalar(op, read(device, x), s, o, n);
        device.upload(o, out);
    }

    static void binaryOnHost(Device device, BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape,
                             DeviceBuffer out, Shape outShape) {
        fallback(device, Kernel.BINARY, op);
        float[] o = read(device, out);
        binary(op, read(device, a), aShape, read(device, b), bShape, o, outShape);
        device.upload(o, out);
    }

    /** Logs once per device class, kernel and op that {@code op} runs on the host. */
    private static void fallback(Device device, Kernel kernel, Enum<?> op) {
        if (LOG.isDebugEnabled() && REPORTED.add(device.getClass().getName() + "/" + kernel + "/" + op)) {
            LOG.debug("device {} does not run {} {} itself; running it on the host (download, compute, upload)",
                    device.description(), kernel.label(), op.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Says once, at DEBUG, that {@code device} runs {@code kernel} on the host. */
    static void fallback(Device device, Kernel kernel) {
        if (LOG.isDebugEnabled() && REPORTED.add(device.getClass().getName() + "/" + kernel)) {
            LOG.debug("device {} has no native {} kernel; running it on the host (download, compute, upload)",
                    device.description(), kernel.label());
        }
    }

    /** The buffer's contents, downloaded. */
    static float[] read(Device device, DeviceBuffer buffer) {
        float[] values = new float[buffer.length()];
        device.download(buffer, values);
        return values;
    }

    static void unary(UnaryOp op, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) op.apply(x[i]);
        }
    }

    static void scalar(ScalarOp op, float[] x, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) op.apply(x[i], s);
        }
    }

    /** {@code out = op(a, b)} with broadcasting, walking the output in row-major order. */
    static void binary(BinaryOp op, float[] a, Shape aShape, float[] b, Shape bShape, float[] out, Shape outShape) {
        int n = outShape.size();
        int rank = outShape.rank();
        if (rank == 0) {
            if (n == 1) {
                out[0] = (float) op.apply(a[0], b[0]);
            }
            return;
        }
        int[] dims = outShape.dims();
        int[] aStrides = aShape.broadcastStrides(rank);
        int[] bStrides = bShape.broadcastStrides(rank);
        int[] counter = new int[rank];
        int aOffset = 0;
        int bOffset = 0;
        for (int i = 0; i < n; i++) {
            out[i] = (float) op.apply(a[aOffset], b[bOffset]);
            for (int d = rank - 1; d >= 0; d--) {
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

    /** {@code c (+)= op(a) · op(b)}, each cell's k products summed in double in p order. */
    static void matmul(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int n, int k,
                       boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = (float) sum;
            }
        }
    }

    /** Sums {@code x} down to {@code outShape} (1 where summed), in double, in x's row-major order. */
    static void reduceSum(float[] x, Shape xShape, float[] out, Shape outShape) {
        int rank = xShape.rank();
        double[] sums = new double[outShape.size()];
        if (rank == 0) {
            sums[0] = xShape.size() == 0 ? 0 : x[0];
        } else {
            int[] dims = xShape.dims();
            int[] outStrides = outShape.broadcastStrides(rank);
            int[] counter = new int[rank];
            int offset = 0;
            for (int i = 0; i < xShape.size(); i++) {
                sums[offset] += x[i];
                for (int d = rank - 1; d >= 0; d--) {
                    counter[d]++;
                    offset += outStrides[d];
                    if (counter[d] < dims[d]) {
                        break;
                    }
                    offset -= outStrides[d] * dims[d];
                    counter[d] = 0;
                }
            }
        }
        for (int i = 0; i < sums.length; i++) {
            out[i] = (float) sums[i];
        }
    }

    /** The maximum of {@code x} over the dimensions {@link #reduceSum} sums over; NaN wins, empty is -∞. */
    static void reduceMax(float[] x, Shape xShape, float[] out, Shape outShape) {
        java.util.Arrays.fill(out, 0, outShape.size(), Float.NEGATIVE_INFINITY);
        int rank = xShape.rank();
        if (rank == 0) {
            out[0] = x[0];
            return;
        }
        int[] dims = xShape.dims();
        int[] outStrides = outShape.broadcastStrides(rank);
        int[] counter = new int[rank];
        int offset = 0;
        for (int i = 0; i < xShape.size(); i++) {
            float v = x[i];
            if (v > out[offset] || Float.isNaN(v)) {
                out[offset] = Float.isNaN(out[offset]) ? out[offset] : v;
            }
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                offset += outStrides[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                offset -= outStrides[d] * dims[d];
                counter[d] = 0;
            }
        }
    }

    static void transpose(float[] x, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = x[r * cols + c];
            }
        }
    }

    static void gatherRows(float[] x, int cols, int[] indices, int from, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(x, indices[from + i] * cols, out, i * cols, cols);
        }
    }

    static void scatterAddRows(float[] source, int cols, int[] indices, int from, int count, float[] target) {
        for (int i = 0; i < count; i++) {
            int row = indices[from + i] * cols;
            for (int c = 0; c < cols; c++) {
                target[row + c] += source[i * cols + c];
            }
        }
    }

    static void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }
}
