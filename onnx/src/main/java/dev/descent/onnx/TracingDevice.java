package dev.descent.onnx;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.tensor.Kernel;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.Shape;
import dev.descent.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A device that computes on the host as any device may, and, while {@link #recording}, writes down
 * every kernel it is asked to run: what {@link ForwardTrace} turns into an ONNX graph. The model's
 * own code runs unchanged (its forward pass, whatever layers or plugins it is made of); the device
 * sees the kernels its tensor operations come down to.
 */
final class TracingDevice implements Device {

    /** A buffer: its values on the heap. Identity is what the trace follows. */
    static final class Buffer implements DeviceBuffer {
        final float[] values;

        Buffer(int length) {
            values = new float[length];
        }

        @Override
        public int length() {
            return values.length;
        }
    }

    /**
     * One kernel call. {@code inputs} are read before {@code output} is written (an output that is
     * also an input, as in {@code axpy}, is a new value of that buffer).
     *
     * @param kind    the kernel
     * @param op      the elementwise op, for unary, scalar and binary kernels; else null
     * @param inputs  the buffers read, in the kernel's order
     * @param shapes  the shape each input is read as (for matmul and transpose: rows × columns)
     * @param output  the buffer written
     * @param outShape the shape it is written as
     * @param scalar  the scalar of a scalar kernel, axpy's alpha; else 0
     * @param flags   matmul's transposeA, transposeB and accumulate; else empty
     */
    record Call(Kernel kind, Enum<?> op, List<Buffer> inputs, List<Shape> shapes, Buffer output, Shape outShape,
                float scalar, boolean[] flags) {
    }

    /**
     * Values written into a buffer from the host while recording ({@code Tensor.of}, {@code zeros},
     * a constant a layer makes): constants of the graph, unless a kernel overwrites them first.
     */
    record Write(Buffer target, float[] values) {
    }

    private final List<Object> events = new ArrayList<>();
    private boolean recording;

    @Override
    public String description() {
        return "the ONNX exporter's tracing device (host)";
    }

    @Override
    public Set<Kernel> nativeKernels() {
        return EnumSet.allOf(Kernel.class);
    }

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

    /** Starts writing down kernels and host writes, forgetting any recorded before. */
    void record() {
        events.clear();
        recording = true;
    }

    /** Stops recording; the calls and writes since {@link #record()}, in order. */
    List<Object> stop() {
        recording = false;
        return List.copyOf(events);
    }

    // ----- memory --------------------------------------------------------------------------------

    /** A new buffer holds zeros, as {@code Tensor.zeros} counts on: while recording, a constant of zeros. */
    @Override
    public DeviceBuffer allocate(int length) {
        Buffer buffer = new Buffer(length);
        if (recording && !inKernel) {
            events.add(new Write(buffer, buffer.values.clone()));
        }
        return buffer;
    }

    @Override
    public void release(DeviceBuffer buffer) {
    }

    @Override
    public void upload(float[] source, DeviceBuffer target) {
        float[] values = ((Buffer) target).values;
        System.arraycopy(source, 0, values, 0, values.length);
        if (recording && !inKernel) {
            events.add(new Write((Buffer) target, values.clone()));
        }
    }

    @Override
    public void download(DeviceBuffer source, float[] target) {
        System.arraycopy(((Buffer) source).values, 0, target, 0, target.length);
    }

    @Override
    public void fill(DeviceBuffer target, float value) {
        java.util.Arrays.fill(((Buffer) target).values, value);
        if (recording && !inKernel) {
            events.add(new Write((Buffer) target, ((Buffer) target).values.clone()));
        }
    }

    @Override
    public void close() {
    }

    // ----- kernels: written down, then run on the host ---------------------------------------------

    /** Whether a kernel's host fallback is running: its own uploads are its output, not constants. */
    private boolean inKernel;

    private void call(Call call, Runnable compute) {
        if (recording) {
            events.add(call);
        }
        inKernel = true;
        try {
            compute.run();
        } finally {
            inKernel = false;
        }
    }

    private static Buffer b(DeviceBuffer buffer) {
        return (Buffer) buffer;
    }

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        call(new Call(Kernel.UNARY, op, List.of(b(x)), List.of(Shape.of(n)), b(out), Shape.of(n), 0, new boolean[0]),
                () -> Device.super.unary(op, x, out, n));
    }

    @Override
    public void scalar(ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        call(new Call(Kernel.SCALAR, op, List.of(b(x)), List.of(Shape.of(n)), b(out), Shape.of(n), s, new boolean[0]),
                () -> Device.super.scalar(op, x, s, out, n));
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out,
                       Shape outShape) {
        call(new Call(Kernel.BINARY, op, List.of(b(a), b(b)), List.of(aShape, bShape), b(out), outShape, 0,
                new boolean[0]), () -> Device.super.binary(op, a, aShape, b, bShape, out, outShape));
    }

    @Override
    public void matmul(DeviceBuffer a, boolean transposeA, DeviceBuffer b, boolean transposeB, DeviceBuffer c,
                       int m, int n, int k, boolean accumulate) {
        List<Buffer> inputs = accumulate ? List.of(b(a), b(b), b(c)) : List.of(b(a), b(b));
        List<Shape> shapes = new ArrayList<>(List.of(transposeA ? Shape.of(k, m) : Shape.of(m, k),
                transposeB ? Shape.of(n, k) : Shape.of(k, n)));
        if (accumulate) {
            shapes.add(Shape.of(m, n));
        }
        call(new Call(Kernel.MATMUL, null, inputs, shapes, b(c), Shape.of(m, n), 0,
                new boolean[] {transposeA, transposeB, accumulate}),
                () -> Device.super.matmul(a, transposeA, b, transposeB, c, m, n, k, accumulate));
    }

    @Override
    public void reduceSum(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        call(new Call(Kernel.REDUCE_SUM, null, List.of(b(x)), List.of(xShape), b(out), outShape, 0, new boolean[0]),
                () -> Device.super.reduceSum(x, xShape, out, outShape));
    }

    @Override
    public void reduceMax(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        call(new Call(Kernel.REDUCE_MAX, null, List.of(b(x)), List.of(xShape), b(out), outShape, 0, new boolean[0]),
                () -> Device.super.reduceMax(x, xShape, out, outShape));
    }

    @Override
    public void transpose(DeviceBuffer x, int rows, int cols, DeviceBuffer out) {
        call(new Call(Kernel.TRANSPOSE, null, List.of(b(x)), List.of(Shape.of(rows, cols)), b(out),
                Shape.of(cols, rows), 0, new boolean[0]), () -> Device.super.transpose(x, rows, cols, out));
    }

    @Override
    public void gatherRows(DeviceBuffer x, int cols, int[] indices, int from, int count, DeviceBuffer out) {
        call(new Call(Kernel.GATHER_ROWS, null, List.of(b(x)), List.of(Shape.of(x.length() / cols, cols)), b(out),
                Shape.of(count, cols), 0, new boolean[0]),
                () -> Device.super.gatherRows(x, cols, indices, from, count, out));
    }

    @Override
    public void scatterAddRows(DeviceBuffer source, int cols, int[] indices, int from, int count,
                               DeviceBuffer target) {
        call(new Call(Kernel.SCATTER_ADD_ROWS, null, List.of(b(source), b(target)), List.of(Shape.of(count, cols),
                Shape.of(target.length() / cols, cols)), b(target), Shape.of(target.length() / cols, cols), 0,
                new boolean[0]), () -> Device.super.scatterAddRows(source, cols, indices, from, count, target));
    }

    @Override
    public void axpy(float alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        call(new Call(Kernel.AXPY, null, List.of(b(x), b(y)), List.of(Shape.of(n), Shape.of(n)), b(y), Shape.of(n),
                alpha, new boolean[0]), () -> Device.super.axpy(alpha, x, y, n));
    }
}
