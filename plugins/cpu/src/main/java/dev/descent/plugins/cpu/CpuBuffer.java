package dev.descent.plugins.cpu;

import dev.descent.tensor.DeviceBuffer;

/** A device buffer on the Java heap: a plain float array. */
final class CpuBuffer implements DeviceBuffer {

    final float[] data;
    /** The caller's array ({@link CpuDevice#adopt}): never recycled, since the caller still holds it. */
    final boolean adopted;
    /** Set by the first release, so that a second one cannot hand the array out twice. */
    boolean released;

    CpuBuffer(float[] data, boolean adopted) {
        this.data = data;
        this.adopted = adopted;
    }

    @Override
    public int length() {
        return data.length;
    }
}
