package dev.descent.plugins.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Released arrays kept for the next allocation of the same length. A training step makes the same
 * temporaries every time (a W4 batch alone is 400 KB); taking them from here instead of the heap
 * keeps the steady state free of allocation, so the collector has nothing to do and the heap does
 * not grow while training. Arrays handed out are zeroed. Bounded: arrays over {@link #MAX_ARRAY}
 * floats are left to the collector, and at most {@link #MAX_FLOATS} floats are kept in all.
 */
final class ArrayPool {

    static final int MAX_ARRAY = 1 << 20;
    static final long MAX_FLOATS = 8L << 20;

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long kept;

    /** A zeroed array of {@code length} floats, recycled when one is free. */
    float[] take(int length) {
        ArrayDeque<float[]> arrays = length <= MAX_ARRAY ? free.get(length) : null;
        float[] array = arrays == null ? null : arrays.pollLast();
        if (array == null) {
            return new float[length];
        }
        kept -= length;
        Arrays.fill(array, 0f);
        return array;
    }

    /** Keeps {@code array} for reuse if there is room; its owner no longer uses it. */
    void give(float[] array) {
        int length = array.length;
        if (length == 0 || length > MAX_ARRAY || kept + length > MAX_FLOATS) {
            return;
        }
        free.computeIfAbsent(length, l -> new ArrayDeque<>()).addLast(array);
        kept += length;
    }

    void clear() {
        free.clear();
        kept = 0;
    }
}
