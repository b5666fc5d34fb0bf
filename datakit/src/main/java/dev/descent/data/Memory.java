package dev.descent.data;

import dev.descent.api.DataException;
import java.util.Locale;

/**
 * Checks, before a large allocation, that it fits in the Java heap, so that a run too big for this
 * machine ends at once with the size it needs and how to allow it, not minutes later with an
 * {@link OutOfMemoryError}. Data sources call {@link #require} with what their arrays will take
 * before allocating them.
 */
public final class Memory {

    private static final long GIB = 1L << 30;

    private Memory() {
    }

    /** The bytes the heap can still take: its limit ({@code -Xmx}) less what is in use now. */
    public static long available() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Throws a {@link DataException} when {@code bytes} more cannot fit in the heap.
     *
     * @param bytes what the allocation will take
     * @param what  what is to be allocated, for the message: e.g. {@code "the 2,000,000 rows × 101
     *              columns of houses.csv"}
     */
    public static void require(long bytes, String what) {
        if (bytes <= available()) {
            return;
        }
        System.gc();   // what is in use may be garbage; this runs only when the answer would be no
        long available = available();
        if (bytes <= available) {
            return;
        }
        long limit = Runtime.getRuntime().maxMemory();
        throw new DataException(what + " need about " + size(bytes) + " of memory, but Java may use only " + size(
                available) + " more (its heap limit is " + size(limit) + "); " + howToRaise(limit - available + bytes)
                + " on a machine with that much memory");
    }

    /** "use less data, or raise the limit with -Xmx (e.g. …)", for a heap of {@code needed} bytes and some room. */
    public static String howToRaise(long needed) {
        long suggested = Math.max(1, (long) Math.ceil(needed * 1.5 / GIB));
        return "use less data, or raise the limit with -Xmx (e.g. DESCENT_JAVA_OPTS=-Xmx" + suggested
                + "g bin/descent …, or java -Xmx" + suggested + "g -jar descent.jar …)";
    }

    /** {@code bytes} as people read it: {@code 11.2 GiB}, {@code 340 MiB}. */
    public static String size(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
        }
        return String.format(Locale.ROOT, "%d MiB", Math.max(1, Math.round(bytes / (double) (1 << 20))));
    }
}
