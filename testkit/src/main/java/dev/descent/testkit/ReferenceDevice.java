package dev.descent.testkit;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.UnaryOp;
import dev.descent.tensor.Kernel;
import dev.descent.tensor.Shape;
import java.util.EnumSet;
import java.util.Set;

/**
 * The device kernels computed the obvious way in double precision and rounded to float: slow,
 * simple, and the device the contracts use by default, so a plugin's tests need nothing but
 * {@code descent-core} and this kit.
 */
public final class ReferenceDevice implements Device {

    private static final class Buffer implements DeviceBuffer {
        final float[] data;

        Buffer(int length) {
            data = new float[length];
        }

        @Override
        public int length() {
            return data.length;
        }
    }

    private static float[] data(DeviceBuffer buffer) {
        return ((Buffer) buffer).data;
    }

    @Override
    public String description() {
        return "reference (test kit, double precision)";
    }

    @Override
    public Set<Kernel> nativeKernels() {
        return EnumSet.allOf(Kernel.class);
    }

    /** Every op: the reference kernels compute each op's own definition ({@link UnaryOp#apply}). */
    @Override
    public Set<UnaryOp> nativeUnaryOps() {
        return EnumSet.allOf(UnaryOp.class);
    }

    @Override
    public Set<ScalarOp> nativeScalarOps() {
        return EnumSet.allOf(ScalarOp.class);
    }

    @Override
    public Set<BinaryOp> nativeBinaryOps() {
        return EnumSet.allOf(BinaryOp.class);
    }

    @Override
    public DeviceBuffer allocate(int length) {
        return new Buffer(length);
    }

    @Override
    public void release(DeviceBuffer buffer) {
    }

    @Override
    public void upload(float[] source, DeviceBuffer target) {
        System.arraycopy(source, 0, data(target), 0, target.length());
    }

    @Override
    public void download(DeviceBuffer source, float[] target) {
        System.arraycopy(data(source), 0, target, 0, source.length());
    }

    @Override
    public void fill(DeviceBuffer target, float value) {
        java.util.Arrays.fill(data(target), value);
    }

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        float[] a = data(x);
        float[] o = data(out);
        for (int i = 0; i < n; i++) {
            o[i] = (float) op.apply(a[i]);
        }
    }

    @Override
    public void scalar(ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        float[] a = data(x);
        float[] o = data(out);
        for (int i = 0; i < n; i++) {
            o[i] = (float) op.apply(a[i], s);
        }
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out,
                       Shape outShape) {
        store(ReferenceKernels.binary(op, data(a), aShape, data(b), bShape, outShape), data(out), false);
    }

    @Override
    public void matmul(DeviceBuffer a, boolean transposeA, DeviceBuffer b, boolean transposeB, DeviceBuffer c,
                       int m, int n, int k, boolean accumulate) {
        store(ReferenceKernels.matmul(data(a), transposeA, data(b), transposeB, m, n, k)[0], data(c), accumulate);
    }

    @Override
    public void reduceSum(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        store(ReferenceKernels.reduceSum(data(x), xShape, outShape), data(out), false);
    }

    @Override
    public void reduceMax(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        store(ReferenceKernels.reduceMax(data(x), xShape, outShape), data(out), false);
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
        for (int i = 0; i < count; i++) {
            System.arraycopy(data(x), indices[from + i] * cols, data(out), i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(DeviceBuffer source, int cols, int[] indices, int from, int count, DeviceBuffer target) {
        float[] s = data(source);
        float[] t = data(target);
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < cols; c++) {
                t[indices[from + i] * cols + c] = (float) ((double) t[indices[from + i] * cols + c] + s[i * cols + c]);
            }
        }
    }

    @Override
    public void axpy(float alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        float[] a = data(x);
        float[] b = data(y);
        for (int i = 0; i < n; i++) {
            b[i] = (float) (b[i] + (double) alpha * a[i]);
        }
    }

    @Override
    public void close() {
    }

    private static void store(double[] values, float[] out, boolean accumulate) {
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (accumulate ? out[i] + values[i] : values[i]);
        }
    }
}
