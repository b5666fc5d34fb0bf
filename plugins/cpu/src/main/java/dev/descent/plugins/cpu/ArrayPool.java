package dev.descent.plugins.cpu;

import java.util.Arrays;

/**
 * Released arrays kept for the next allocation of the same length. A training step makes the same
 * temporaries every time (a W4 batch alone is 400 KB); taking them from here instead of the heap
 * keeps the steady state free of allocation, so the collector has nothing to do and the heap does
 * not grow while training. Arrays handed out are zeroed.
 *
 * <p>Bounded: arrays over {@link #MAX_ARRAY} floats are left to the collector, at most
 * {@link #MAX_FLOATS} floats are kept in all, and at most {@link #MAX_LENGTHS} different lengths (a
 * step uses a handful; a length is found by a one-entry-per-low-bits hint, else a scan, without the
boxing and hashing of a map).
 */
final class ArrayPool {

    static final int MAX_ARRAY = 1 << 20;
    static final long MAX_FLOATS = 8L << 20;
    static final int MAX_LENGTHS = 32;

    private final int[] lengths = new int[MAX_LENGTHS];
    private final float[][][] stacks = new float[MAX_LENGTHS][][];
    private final int[] depths = new int[MAX_LENGTHS];
    private int distinct;
    /** The slot last found for a length, by its low bits: most look-ups need one comparison. */
    private final int[] hints = new int[HINTS];
    private static final int HINTS = 64;
    private long kept;

    /** A zeroed array of {@code length} floats, recycled when one is free. */
    float[] take(int length) {
        int slot = slot(length);
        if (slot < 0 || depths[slot] == 0) {
            return new float[length];
        }
        float[] array = stacks[slot][--depths[slot]];
        stacks[slot][depths[slot]] = null;
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
        int slot = slot(length);
        if (slot < 0) {
            if (distinct == MAX_LENGTHS) {
                return;
            }
            slot = distinct++;
            lengths[slot] = length;
            stacks[slot] = new float[4][];
        }
        if (depths[slot] == stacks[slot].length) {
            stacks[slot] = Arrays.copyOf(stacks[slot], depths[slot] * 2);
        }
        stacks[slot][depths[slot]++] = array;
        kept += length;
    }

    private int slot(int length) {
        int hinted = hints[length & (HINTS - 1)];
        if (hinted < distinct && lengths[hinted] == length) {
            return hinted;
        }
        for (int i = 0; i < distinct; i++) {
            if (lengths[i] == length) {
                hints[length & (HINTS - 1)] = i;
                return i;
            }
        }
        return -1;
    }

    void clear() {
        Arrays.fill(stacks, null);
        Arrays.fill(depths, 0);
        distinct = 0;
        kept = 0;
    }
}
