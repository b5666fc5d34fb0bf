package dev.descent.tensor;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where tensors live and their arithmetic runs: the JVM's heap and cores ({@code cpu}), or an
 * OpenCL device.
 *
 * <p>A device knows nothing of gradients; {@link Tensor} builds autograd on top of its kernels. It
 * has two parts:
 * <ul>
 *   <li><b>Memory</b>, which every device implements: {@link #allocate}, {@link #release},
 *       {@link #upload}, {@link #download}, {@link #fill}, {@link #close}, and {@link #description}.
 *       A device of only these trains every model correctly.</li>
 *   <li><b>Kernels</b> ({@link Kernel}), each with a default that runs on the host through
 *       download and upload. A device overrides the ones it runs itself, for speed, and lists them in
 *       {@link #nativeKernels()}; {@code descent devices --verbose} shows the list, and each fallback
 *       is logged once at DEBUG.</li>
 * </ul>
 * Contract for implementations, checked by the test kit's {@code DeviceContract}:
 * <ul>
 *   <li>Every kernel gives the values of the reference definitions ({@link UnaryOp#apply},
 *       {@link ScalarOp#apply}, {@link BinaryOp#apply}) up to float32 rounding.</li>
 *   <li>Buffers are dense and row-major; shapes are given by the caller, the device does not keep
 *       them. Lengths of zero are legal everywhere.</li>
 *   <li>Elementwise kernels accept {@code out} being the same buffer as an input (in place).</li>
 *   <li>Deterministic: the same inputs give bit-identical outputs, whatever the thread count.</li>
 *   <li>Results are visible to {@link #download} when the kernel call returns (a device may queue
 *       work, but must order it).</li>
 *   <li>A device instance is used by one training run at a time; it need not be thread-safe.</li>
 * </ul>
 * Random numbers are never drawn on the device: they come from the run's seed on the host, so
 * results do not depend on the device's generator.
 */
public interface Device extends AutoCloseable {

    /** One line for logs and listings, e.g. {@code cpu (2 threads)}. */
    String description();

    /**
     * The hardware this device could run on, found without allocating anything. Devices backed by
     * a runtime (OpenCL, CUDA) say here why none is usable; the default is one entry for the JVM.
     */
    default HardwareInventory inventory() {
        Runtime runtime = Runtime.getRuntime();
        return HardwareInventory.of(java.util.List.of(new HardwareInfo("JVM " + System.getProperty("java.vm.name"),
                System.getProperty("java.vm.vendor"), System.getProperty("java.version"), false,
                runtime.availableProcessors(), runtime.maxMemory(), java.util.Map.of())));
    }

    /**
     * Lines {@code descent devices --verbose} prints under this device: what it chose on this machine
     * and why (the {@code cpu} device: which BLAS runs its large products). None by default.
     *
     * @since API 2.2
     */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }

    /** The kernels this device runs itself; the others run on the host. None by default. */
    default Set<Kernel> nativeKernels() {
        return EnumSet.noneOf(Kernel.class);
    }

    /**
     * The ops this device's {@link #unary} computes itself; the others run on the host. By default
     * the ops of API 2.0 when it runs {@link Kernel#UNARY} natively: an op added to the API later
     * ({@link UnaryOp#TANH}) never reaches a kernel written before it, whose switch would not know it.
     * A device that knows later ops lists them. The ops of API 2.0 are always handed to
     * {@link #unary}, as they were before this list existed (its default runs them on the host).
     */
    default Set<UnaryOp> nativeUnaryOps() {
        return nativeKernels().contains(Kernel.UNARY) ? OpDispatch.Api20.UNARY : Set.of();
    }

    /** The ops this device's {@link #scalar} computes itself, as {@link #nativeUnaryOps()}. */
    default Set<ScalarOp> nativeScalarOps() {
        return nativeKernels().contains(Kernel.SCALAR) ? OpDispatch.Api20.SCALAR : Set.of();
    }

    /** The ops this device's {@link #binary} computes itself, as {@link #nativeUnaryOps()}. */
    default Set<BinaryOp> nativeBinaryOps() {
        return nativeKernels().contains(Kernel.BINARY) ? OpDispatch.Api20.BINARY : Set.of();
    }

    // ----- memory: every device implements these ------------------------------------------------

    /** A new buffer of {@code length} zeros. */
    DeviceBuffer allocate(int length);

    /**
     * A buffer holding {@code values}, which the caller hands over and never modifies afterwards.
     * The default allocates and uploads; a device whose memory is the Java heap may keep the array
     * itself, so a large data set is not held twice.
     */
    default DeviceBuffer adopt(float[] values) {
        DeviceBuffer buffer = allocate(values.length);
        upload(values, buffer);
        return buffer;
    }

    /** Gives a buffer's memory back. Using it afterwards is an error; releasing twice is harmless. */
    void release(DeviceBuffer buffer);

    /** Copies {@code target.length()} floats from {@code source} (starting at 0) into the buffer. */
    void upload(float[] source, DeviceBuffer target);

    /** Copies the whole buffer into {@code target}, which has at least {@code source.length()} elements. */
    void download(DeviceBuffer source, float[] target);

    /** Sets every element of {@code target} to {@code value}. */
    void fill(DeviceBuffer target, float value);

    /** Frees every buffer and native resource; the device is not used afterwards. */
    @Override
    void close();

    // ----- kernels: host fallbacks unless the device runs them itself ----------------------------

    /** {@code out[i] = op(x[i])} for {@code i < n}. */
    default void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        HostKernels.unaryOnHost(this, op, x, out, n);
    }

    /** {@code out[i] = op(x[i], s)} for {@code i < n}. */
    default void scalar(ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        HostKernels.scalarOnHost(this, op, x, s, out, n);
    }

    /**
     * {@code out = op(a, b)} with NumPy broadcasting: {@code outShape} is
     * {@link Shape#broadcast(Shape, Shape)} of the input shapes ({@link Shape#broadcastStrides} walks
     * an operand along it).
     */
    default void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape,
                        DeviceBuffer out, Shape outShape) {
        HostKernels.binaryOnHost(this, op, a, aShape, b, bShape, out, outShape);
    }

    /**
     * {@code c = op(a) · op(b)}, where {@code op} transposes when its flag is set; {@code op(a)} is
     * {@code m × k}, {@code op(b)} is {@code k × n} and {@code c} is {@code m × n}. With
     * {@code accumulate} the product is added to {@code c} instead of replacing it.
     */
    default void matmul(DeviceBuffer a, boolean transposeA, DeviceBuffer b, boolean transposeB,
                        DeviceBuffer c, int m, int n, int k, boolean accumulate) {
        HostKernels.fallback(this, Kernel.MATMUL);
        float[] z = HostKernels.read(this, c);
        HostKernels.matmul(HostKernels.read(this, a), transposeA, HostKernels.read(this, b), transposeB, z, m, n, k,
                accumulate);
        upload(z, c);
    }

    /**
     * Sums {@code x} down to {@code outShape}: every dimension where {@code outShape} is 1 and
     * {@code xShape} is not is summed over ({@code outShape} may have fewer leading dimensions, as
     * in broadcasting). Covers "sum of everything" ({@code outShape} = scalar) and sums along axes.
     * Implementations accumulate in at least float32 with a fixed order; the CPU device uses double.
     */
    default void reduceSum(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        HostKernels.fallback(this, Kernel.REDUCE_SUM);
        float[] o = HostKernels.read(this, out);
        HostKernels.reduceSum(HostKernels.read(this, x), xShape, o, outShape);
        upload(o, out);
    }

    /**
     * The largest element of {@code x} over the same dimensions {@link #reduceSum} sums over: a row's
     * maximum for a stable softmax. A NaN anywhere in a group makes its maximum NaN; an empty group's
     * maximum is negative infinity.
     */
    default void reduceMax(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        HostKernels.fallback(this, Kernel.REDUCE_MAX);
        float[] o = HostKernels.read(this, out);
        HostKernels.reduceMax(HostKernels.read(this, x), xShape, o, outShape);
        upload(o, out);
    }

    /** {@code out} ({@code cols × rows}) is the transpose of {@code x} ({@code rows × cols}). */
    default void transpose(DeviceBuffer x, int rows, int cols, DeviceBuffer out) {
        HostKernels.fallback(this, Kernel.TRANSPOSE);
        float[] o = HostKernels.read(this, out);
        HostKernels.transpose(HostKernels.read(this, x), rows, cols, o);
        upload(o, out);
    }

    /**
     * Copies rows {@code indices[from], …, indices[from + count - 1]} of the matrix {@code x}
     * (each row {@code cols} wide) into consecutive rows of {@code out}.
     */
    default void gatherRows(DeviceBuffer x, int cols, int[] indices, int from, int count, DeviceBuffer out) {
        HostKernels.fallback(this, Kernel.GATHER_ROWS);
        float[] o = HostKernels.read(this, out);
        HostKernels.gatherRows(HostKernels.read(this, x), cols, indices, from, count, o);
        upload(o, out);
    }

    /** The adjoint of {@link #gatherRows}: adds row {@code i} of {@code source} into row {@code indices[from + i]} of {@code target}. */
    default void scatterAddRows(DeviceBuffer source, int cols, int[] indices, int from, int count,
                                DeviceBuffer target) {
        HostKernels.fallback(this, Kernel.SCATTER_ADD_ROWS);
        float[] t = HostKernels.read(this, target);
        HostKernels.scatterAddRows(HostKernels.read(this, source), cols, indices, from, count, t);
        upload(t, target);
    }

    /** {@code y[i] += alpha * x[i]} for {@code i < n}: the optimizer's update. */
    default void axpy(float alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        HostKernels.fallback(this, Kernel.AXPY);
        float[] t = HostKernels.read(this, y);
        HostKernels.axpy(alpha, HostKernels.read(this, x), t, n);
        upload(t, y);
    }
}
