package dev.descent.tensor;

/**
 * A block of float32 values in a {@link Device}'s memory.
 *
 * <p>Only the device that allocated a buffer may read or write it. Code outside a device treats a
 * buffer as an opaque handle; the tensor layer is its only regular user.
 */
public interface DeviceBuffer {

    /** How many floats the buffer holds. */
    int length();
}
