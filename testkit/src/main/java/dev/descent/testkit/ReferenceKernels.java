package dev.descent.testkit;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Shape;

/** The device kernels written the obvious way, in double precision: what every device is compared to. */
final class ReferenceKernels {

    private ReferenceKernels() {
    }

    static double[] binary(BinaryOp op, float[] a, Shape aShape, float[] b, Shape bShape, Shape outShape) {
        double[] out = new double[outShape.size()];
        int[] index = new int[outShape.rank()];
        for (int i = 0; i < out.length; i++) {
            unravel(i, outShape, index);
            out[i] = op.apply(a[broadcastOffset(index, aShape)], b[broadcastOffset(index, bShape)]);
        }
        return out;
    }

    static double[] reduceSum(float[] x, Shape xShape, Shape outShape) {
        double[] out = new double[outShape.size()];
        int[] index = new int[xShape.rank()];
        for (int i = 0; i < x.length; i++) {
            unravel(i, xShape, index);
            out[broadcastOffset(index, outShape)] += x[i];
        }
        return out;
    }

    static double[] reduceMax(float[] x, Shape xShape, Shape outShape) {
        double[] out = new double[outShape.size()];
        java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
        int[] index = new int[xShape.rank()];
        for (int i = 0; i < x.length; i++) {
            unravel(i, xShape, index);
            int o = broadcastOffset(index, outShape);
            out[o] = Double.isNaN(out[o]) || Float.isNaN(x[i]) ? Double.NaN : Math.max(out[o], x[i]);
        }
        return out;
    }

    /** {@code op(a) · op(b)}, with {@code op(a)} {@code m × k}, {@code op(b)} {@code k × n}; also Σ|terms| per cell. */
    static double[][] matmul(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k) {
        double[] c = new double[m * n];
        double[] magnitude = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                    sum += term;
                    abs += Math.abs(term);
                }
                c[i * n + j] = sum;
                magnitude[i * n + j] = abs;
            }
        }
        return new double[][] {c, magnitude};
    }

    private static void unravel(int flat, Shape shape, int[] index) {
        for (int d = shape.rank() - 1; d >= 0; d--) {
            int size = shape.dim(d);
            index[d] = flat % size;
            flat /= size;
        }
    }

    /** The offset in a tensor of {@code shape} broadcast to the rank of {@code index}. */
    private static int broadcastOffset(int[] index, Shape shape) {
        int[] strides = shape.broadcastStrides(index.length);
        int offset = 0;
        for (int d = 0; d < index.length; d++) {
            offset += index[d] * strides[d];
        }
        return offset;
    }
}
