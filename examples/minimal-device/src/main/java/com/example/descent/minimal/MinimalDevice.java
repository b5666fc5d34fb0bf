package com.example.descent.minimal;

import com.google.auto.service.AutoService;
import dev.descent.api.Plugin;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import java.util.Arrays;

/**
 * The least a device can be: memory, and nothing else. Buffers are float arrays on the heap; every
 * kernel (products, sums, broadcasting, ...) runs through Descent's host fallbacks, which download the
 * operands, compute, and upload the result. It trains every model correctly, only slower than a
 * device with kernels of its own: the starting point for a device on new hardware, which then makes
 * one kernel at a time native (overriding it and listing it in {@code nativeKernels()}).
 */
@AutoService(Device.class)
@Plugin(name = "minimal", description = "Example: a device of memory only; every kernel runs on the host")
public final class MinimalDevice implements Device {

    /** A block of floats; after release its array is dropped, so a use afterwards fails loudly. */
    private static final class Buffer implements DeviceBuffer {
        private float[] data;
        private final int length;

        Buffer(int length) {
            this.data = new float[length];
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }
    }

    @Override
    public String description() {
        return "minimal (example: memory only, host kernels)";
    }

    @Override
    public DeviceBuffer allocate(int length) {
        return new Buffer(length);
    }

    @Override
    public void release(DeviceBuffer buffer) {
        own(buffer).data = null;
    }

    @Override
    public void upload(float[] source, DeviceBuffer target) {
        Buffer b = own(target);
        System.arraycopy(source, 0, data(b), 0, b.length);
    }

    @Override
    public void download(DeviceBuffer source, float[] target) {
        Buffer b = own(source);
        System.arraycopy(data(b), 0, target, 0, b.length);
    }

    @Override
    public void fill(DeviceBuffer target, float value) {
        Arrays.fill(data(own(target)), value);
    }

    @Override
    public void close() {
        // Nothing native to free: the buffers are garbage once unreferenced.
    }

    private static Buffer own(DeviceBuffer buffer) {
        if (buffer instanceof Buffer b) {
            return b;
        }
        throw new IllegalArgumentException("buffer " + buffer + " does not belong to the minimal device");
    }

    private static float[] data(Buffer buffer) {
        if (buffer.data == null) {
            throw new IllegalStateException("a buffer of the minimal device was used after it was released");
        }
        return buffer.data;
    }
}
