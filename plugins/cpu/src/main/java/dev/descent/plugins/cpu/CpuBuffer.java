package dev.descent.plugins.cpu;

import dev.descent.api.DeviceBuffer;

/** A device buffer on the Java heap: a plain float array. */
final class CpuBuffer implements DeviceBuffer {

    final float[] data;

    CpuBuffer(int length) {
        this.data = new float[length];
    }

    CpuBuffer(float[] adopted) {
        this.data = adopted;
    }

    @Override
    public int length() {
        return data.length;
    }
}
