package dev.descent.plugins.opencl;

import dev.descent.tensor.DeviceBuffer;
import org.jocl.cl_mem;

/** A device buffer in OpenCL memory; {@code mem} is null for an empty buffer (OpenCL has no size-0 buffers). */
final class ClBuffer implements DeviceBuffer {

    final cl_mem mem;
    private final int length;
    boolean released;

    ClBuffer(cl_mem mem, int length) {
        this.mem = mem;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }
}
