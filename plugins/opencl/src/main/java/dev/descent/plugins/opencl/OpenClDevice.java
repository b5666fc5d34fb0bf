package dev.descent.plugins.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

import com.google.auto.service.AutoService;
import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.api.DeviceException;
import dev.descent.tensor.HardwareInfo;
import dev.descent.tensor.HardwareInventory;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.UnaryOp;
import dev.descent.tensor.Kernel;
import dev.descent.tensor.Shape;
import java.util.EnumSet;
import java.util.Set;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tensors in OpenCL memory, kernels in OpenCL C ({@code kernels.cl}): runs on a GPU, or on the CPU
 * through a runtime such as POCL.
 *
 * <p>The device opens lazily, on first use, so that its options are set first. Kernels are built
 * once per device. Buffers are pooled by length: a training step allocates the same lengths every
 * time, so after the first step no new device memory is created; {@link #close()} frees all of it.
 * Every kernel sums in a fixed order inside one work-item, so results are deterministic.
 */
@AutoService(Device.class)
@Plugin(name = "opencl", description = "OpenCL kernels on a GPU or any OpenCL 1.2 device (e.g. POCL on the CPU)")
public final class OpenClDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(OpenClDevice.class);
    private static final int MAX_RANK = 4;
    private static final int SUM_PARTS = 1024;
    /** reduce_to's op argument: REDUCE_SUM and REDUCE_MAX in kernels.cl. */
    private static final int REDUCE_SUM = 0;
    private static final int REDUCE_MAX = 1;

    /** Which kind of OpenCL device to pick. */
    public enum Kind { ANY, GPU, CPU }

    @Option(name = "platform", description = "OpenCL platform index (see 'descent devices'); -1 for any", min = -1)
    private int platformIndex = -1;

    @Option(name = "index", description = "Device index within its platform; -1 for the first that matches", min = -1)
    private int deviceIndex = -1;

    @Option(name = "name", description = "Only devices whose name contains this text (any case), e.g. NVIDIA")
    private String nameFilter = "";

    @Option(name = "type", description = "Only devices of this kind")
    private Kind kind = Kind.ANY;

    private OpenClRuntime.ClDevice chosen;
    private cl_context context;
    private cl_command_queue queue;
    private cl_program program;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final Map<Integer, ArrayDeque<ClBuffer>> pool = new HashMap<>();
    private final List<cl_mem> everyBuffer = new ArrayList<>();
    private long createdBytes;
    private cl_mem indexBuffer;
    private int indexCapacity;
    private ClBuffer partials;
    private boolean closed;

    @Override
    public String description() {
        return chosen == null ? "opencl (not opened yet)"
                : "opencl (" + chosen.name() + ", " + chosen.platformName() + " " + chosen.platformVersion() + ")";
    }

    /** Every kernel runs in OpenCL C; only broadcasts and sums over tensors of rank above 4 run on the host. */
    @Override
    public Set<Kernel> nativeKernels() {
        return EnumSet.allOf(Kernel.class);
    }

    /**
     * Every op of this API: kernels.cl has a case for each (OpenClKernelSourceTest checks it), so an op
     * added to the API needs its case here before this device lists it.
     */
    private static final Set<UnaryOp> UNARY_OPS = java.util.Collections.unmodifiableSet(EnumSet.allOf(UnaryOp.class));
    private static final Set<ScalarOp> SCALAR_OPS = java.util.Collections.unmodifiableSet(EnumSet.allOf(ScalarOp.class));
    private static final Set<BinaryOp> BINARY_OPS = java.util.Collections.unmodifiableSet(EnumSet.allOf(BinaryOp.class));

    @Override
    public Set<UnaryOp> nativeUnaryOps() {
        return UNARY_OPS;
    }

    @Override
    public Set<ScalarOp> nativeScalarOps() {
        return SCALAR_OPS;
    }

    @Override
    public Set<BinaryOp> nativeBinaryOps() {
        return BINARY_OPS;
    }

    @Override
    public HardwareInventory inventory() {
        OpenClRuntime.Probe probe = OpenClRuntime.probe();
        if (!probe.usable()) {
            return HardwareInventory.unavailable(probe.problem());
        }
        List<HardwareInfo> hardware = new ArrayList<>();
        for (OpenClRuntime.ClDevice d : probe.devices()) {
            hardware.add(new HardwareInfo(d.name(), d.vendor(), d.version() + " on " + d.platformName(), d.gpu(),
                    d.computeUnits(), d.globalMemory(), Map.of("platform", Integer.toString(d.platformIndex()),
                    "index", Integer.toString(d.deviceIndex()))));
        }
        return HardwareInventory.of(hardware);
    }

    // ----- opening ------------------------------------------------------------------------------

    private void open() {
        if (context != null) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the opencl device was closed");
        }
        OpenClRuntime.Probe probe = OpenClRuntime.probe();
        if (!probe.usable()) {
            throw new DeviceException("device 'opencl' cannot be used: " + probe.problem());
        }
        chosen = select(probe.devices());
        CL.setExceptionsEnabled(true);
        try {
            cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL_CONTEXT_PLATFORM, chosen.platform());
            context = CL.clCreateContext(properties, 1, new org.jocl.cl_device_id[] {chosen.device()}, null, null, null);
            queue = CL.clCreateCommandQueue(context, chosen.device(), 0, null);
            program = CL.clCreateProgramWithSource(context, 1, new String[] {opCodeDefines() + kernelSource()}, null,
                    null);
        } catch (CLException e) {
            throw new DeviceException("cannot open OpenCL device " + chosen.name() + ": " + e.getMessage(), e);
        }
        try {
            CL.clBuildProgram(program, 0, null, "-cl-std=CL1.2", null, null);
        } catch (CLException e) {
            throw new DeviceException("the OpenCL kernels do not build on " + chosen.name() + " (" + e.getMessage()
                    + "); build log:\n" + buildLog());
        }
        LOG.info("opencl device: {} ({}, {} compute units, {} MiB) on {}", chosen.name(), chosen.version(),
                chosen.computeUnits(), chosen.globalMemory() >> 20, chosen.platformName());
    }

    private OpenClRuntime.ClDevice select(List<OpenClRuntime.ClDevice> devices) {
        List<OpenClRuntime.ClDevice> matching = devices.stream()
                .filter(d -> platformIndex < 0 || d.platformIndex() == platformIndex)
                .filter(d -> deviceIndex < 0 || d.deviceIndex() == deviceIndex)
                .filter(d -> nameFilter.isEmpty()
                        || d.name().toLowerCase(Locale.ROOT).contains(nameFilter.toLowerCase(Locale.ROOT)))
                .filter(d -> kind == Kind.ANY || (kind == Kind.GPU) == d.gpu())
                .collect(Collectors.toList());
        if (matching.isEmpty()) {
            throw new DeviceException("no OpenCL device matches device.platform=" + platformIndex + ", device.index="
                    + deviceIndex + ", device.name='" + nameFilter + "', device.type=" + kind.name().toLowerCase(Locale.ROOT)
                    + "; the devices are: " + devices.stream().map(d -> "platform " + d.platformIndex() + " index "
                    + d.deviceIndex() + ": " + d.name() + (d.gpu() ? " (GPU)" : ""))
                    .collect(Collectors.joining("; ")));
        }
        return matching.get(0);
    }

    /**
     * {@code #define UNARY_NEG 0} and so on for every op, from the ops' own codes: the kernels name
     * ops, never number them, so Java and OpenCL C cannot drift apart.
     */
    static String opCodeDefines() {
        StringBuilder s = new StringBuilder();
        for (UnaryOp op : UnaryOp.values()) {
            s.append("#define UNARY_").append(op.name()).append(' ').append(op.code()).append('\n');
        }
        for (ScalarOp op : ScalarOp.values()) {
            s.append("#define SCALAR_").append(op.name()).append(' ').append(op.code()).append('\n');
        }
        for (BinaryOp op : BinaryOp.values()) {
            s.append("#define BINARY_").append(op.name()).append(' ').append(op.code()).append('\n');
        }
        return s.toString();
    }

    static String kernelSource() {
        try (InputStream in = OpenClDevice.class.getResourceAsStream("kernels.cl")) {
            if (in == null) {
                throw new IllegalStateException("kernels.cl is missing from the opencl plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String buildLog() {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, chosen.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, chosen.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).strip();
    }

    private cl_kernel kernel(String name) {
        return kernels.computeIfAbsent(name, n -> CL.clCreateKernel(program, n, null));
    }

    // ----- memory -------------------------------------------------------------------------------

    @Override
    public DeviceBuffer allocate(int length) {
        open();
        if (length == 0) {
            return new ClBuffer(null, 0);
        }
        ArrayDeque<ClBuffer> free = pool.get(length);
        ClBuffer buffer;
        if (free != null && !free.isEmpty()) {
            ClBuffer reused = free.pop();
            buffer = new ClBuffer(reused.mem, length);
        } else {
            cl_mem mem;
            try {
                mem = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, (long) length * Sizeof.cl_float, null, null);
            } catch (CLException e) {
                throw new DeviceException("the OpenCL device " + chosen.name() + " cannot allocate " + length
                        + " floats (" + e.getMessage() + "); it has " + (chosen.globalMemory() >> 20)
                        + " MiB; use smaller batches or the cpu device", e);
            }
            everyBuffer.add(mem);
            createdBytes += (long) length * Sizeof.cl_float;
            buffer = new ClBuffer(mem, length);
        }
        fill(buffer, 0f);
        return buffer;
    }

    @Override
    public void release(DeviceBuffer buffer) {
        if (!(buffer instanceof ClBuffer b)) {
            throw new IllegalArgumentException("buffer " + buffer + " does not belong to the opencl device");
        }
        if (b.released || b.mem == null || closed) {
            b.released = true;
            return;
        }
        b.released = true;
        pool.computeIfAbsent(b.length(), n -> new ArrayDeque<>()).push(b);
    }

    /** How many device buffers this device has created so far: flat in steady-state training. */
    public int createdBuffers() {
        return everyBuffer.size();
    }

    /** How many bytes of device memory this device has created so far. */
    public long createdBytes() {
        return createdBytes;
    }

    @Override
    public void upload(float[] source, DeviceBuffer target) {
        ClBuffer t = buffer(target);
        if (t.length() > 0) {
            CL.clEnqueueWriteBuffer(queue, t.mem, CL_TRUE, 0, (long) t.length() * Sizeof.cl_float, Pointer.to(source),
                    0, null, null);
        }
    }

    @Override
    public void download(DeviceBuffer source, float[] target) {
        ClBuffer s = buffer(source);
        if (s.length() > 0) {
            CL.clEnqueueReadBuffer(queue, s.mem, CL_TRUE, 0, (long) s.length() * Sizeof.cl_float, Pointer.to(target),
                    0, null, null);
        }
    }

    // ----- kernels ------------------------------------------------------------------------------

    @Override
    public void fill(DeviceBuffer target, float value) {
        ClBuffer t = buffer(target);
        launch("fill", t.length(), mem(t), value, t.length());
    }

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
        launch("unary_op", n, op.code(), mem(x), mem(out), n);
    }

    @Override
    public void scalar(ScalarOp op, DeviceBuffer x, float s, DeviceBuffer out, int n) {
        launch("scalar_op", n, op.code(), mem(x), s, mem(out), n);
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out,
                       Shape outShape) {
        int n = outShape.size();
        if (aShape.size() == n && bShape.size() == n) {
            launch("binary_same", n, op.code(), mem(a), mem(b), mem(out), n);
            return;
        }
        if (outShape.rank() > MAX_RANK) {
            Device.super.binary(op, a, aShape, b, bShape, out, outShape);   // beyond int4 indexing: on the host
            return;
        }
        launch("binary_broadcast", n, op.code(), mem(a), new Int4(aShape.broadcastStrides(MAX_RANK)), mem(b),
                new Int4(bShape.broadcastStrides(MAX_RANK)), mem(out), new Int4(padded(outShape)), n);
    }

    @Override
    public void matmul(DeviceBuffer a, boolean transposeA, DeviceBuffer b, boolean transposeB, DeviceBuffer c,
                       int m, int n, int k, boolean accumulate) {
        launch("matmul", m * n, mem(a), transposeA ? 1 : 0, mem(b), transposeB ? 1 : 0, mem(c), m, n, k,
                accumulate ? 1 : 0);
    }

    @Override
    public void reduceSum(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        int n = xShape.size();
        if (outShape.size() == 1 && n > SUM_PARTS) {
            // Two stages: fixed chunks in parallel, then the partial sums in order.
            int parts = SUM_PARTS;
            int chunk = (n + parts - 1) / parts;
            if (partials == null) {
                partials = (ClBuffer) allocate(parts);
            }
            launch("partial_sums", parts, mem(x), n, chunk, partials.mem, parts);
            launch("partial_sums", 1, partials.mem, parts, parts, mem(out), 1);
            return;
        }
        if (xShape.rank() > MAX_RANK) {
            Device.super.reduceSum(x, xShape, out, outShape);   // beyond int4 indexing: on the host
            return;
        }
        int[] xDims = padded(xShape);
        int[] outDims = padded(alignedTo(outShape, xShape.rank()));
        launch("reduce_to", outShape.size(), REDUCE_SUM, mem(x), new Int4(xDims), new Int4(strides(xDims)), mem(out),
                new Int4(outDims), outShape.size());
    }

    @Override
    public void reduceMax(DeviceBuffer x, Shape xShape, DeviceBuffer out, Shape outShape) {
        if (xShape.rank() > MAX_RANK) {
            Device.super.reduceMax(x, xShape, out, outShape);   // beyond int4 indexing: on the host
            return;
        }
        int[] xDims = padded(xShape);
        int[] outDims = padded(alignedTo(outShape, xShape.rank()));
        launch("reduce_to", outShape.size(), REDUCE_MAX, mem(x), new Int4(xDims), new Int4(strides(xDims)), mem(out),
                new Int4(outDims), outShape.size());
    }

    @Override
    public void transpose(DeviceBuffer x, int rows, int cols, DeviceBuffer out) {
        launch("transpose2d", rows * cols, mem(x), rows, cols, mem(out));
    }

    @Override
    public void gatherRows(DeviceBuffer x, int cols, int[] indices, int from, int count, DeviceBuffer out) {
        if (count == 0 || cols == 0) {
            return;
        }
        cl_mem index = uploadIndices(indices, from, count);
        launch("gather_rows", count * cols, mem(x), cols, index, mem(out), count);
    }

    @Override
    public void scatterAddRows(DeviceBuffer source, int cols, int[] indices, int from, int count, DeviceBuffer target) {
        if (count == 0 || cols == 0) {
            return;
        }
        cl_mem index = uploadIndices(indices, from, count);
        launch("scatter_add_rows", cols, mem(source), cols, index, mem(target), count);
    }

    @Override
    public void axpy(float alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        launch("axpy", n, alpha, mem(x), mem(y), n);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context == null) {
            return;
        }
        CL.clFinish(queue);
        everyBuffer.forEach(CL::clReleaseMemObject);
        everyBuffer.clear();
        pool.clear();
        if (indexBuffer != null) {
            CL.clReleaseMemObject(indexBuffer);
        }
        kernels.values().forEach(CL::clReleaseKernel);
        CL.clReleaseProgram(program);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
        LOG.debug("opencl device closed; it created {} buffers, {} MiB", createdBuffers(), createdBytes >> 20);
    }

    // ----- internals ----------------------------------------------------------------------------

    /** A kernel argument of OpenCL type int4. */
    private record Int4(int[] values) {
    }

    private void launch(String name, int globalSize, Object... args) {
        open();
        if (globalSize == 0) {
            return;
        }
        cl_kernel k = kernel(name);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof cl_mem mem) {
                CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(mem));
            } else if (arg == null) {
                // An empty buffer: the kernel will not read it, but OpenCL needs a valid argument.
                CL.clSetKernelArg(k, i, Sizeof.cl_mem, null);
            } else if (arg instanceof Integer v) {
                CL.clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
            } else if (arg instanceof Float v) {
                CL.clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {v}));
            } else if (arg instanceof Int4 v) {
                CL.clSetKernelArg(k, i, Sizeof.cl_int4, Pointer.to(v.values()));
            } else {
                throw new IllegalArgumentException("unsupported kernel argument " + arg);
            }
        }
        CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {globalSize}, null, 0, null, null);
    }

    private cl_mem uploadIndices(int[] indices, int from, int count) {
        if (count > indexCapacity) {
            if (indexBuffer != null) {
                CL.clReleaseMemObject(indexBuffer);
            }
            indexCapacity = Math.max(count, 1024);
            indexBuffer = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, (long) indexCapacity * Sizeof.cl_int, null, null);
        }
        CL.clEnqueueWriteBuffer(queue, indexBuffer, CL_TRUE, 0, (long) count * Sizeof.cl_int,
                Pointer.to(indices).withByteOffset((long) from * Sizeof.cl_int), 0, null, null);
        return indexBuffer;
    }

    private ClBuffer buffer(DeviceBuffer buffer) {
        if (buffer instanceof ClBuffer b) {
            if (b.released) {
                throw new IllegalStateException("an OpenCL buffer was used after it was released");
            }
            return b;
        }
        throw new IllegalArgumentException("buffer " + buffer + " does not belong to the opencl device");
    }

    private cl_mem mem(DeviceBuffer buffer) {
        return buffer(buffer).mem;
    }

    /** {@code shape}'s dimensions left-padded with 1s to {@link #MAX_RANK} (callers check the rank first). */
    private static int[] padded(Shape shape) {
        int[] dims = {1, 1, 1, 1};
        int[] d = shape.dims();
        System.arraycopy(d, 0, dims, MAX_RANK - d.length, d.length);
        return dims;
    }

    /** {@code shape} left-padded with 1s to {@code rank} dimensions. */
    private static Shape alignedTo(Shape shape, int rank) {
        if (shape.rank() >= rank) {
            return shape;
        }
        int[] dims = new int[rank];
        java.util.Arrays.fill(dims, 1);
        int[] d = shape.dims();
        System.arraycopy(d, 0, dims, rank - d.length, d.length);
        return Shape.of(dims);
    }

    private static int[] strides(int[] dims) {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

}
