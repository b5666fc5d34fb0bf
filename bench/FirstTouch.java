import java.nio.ByteBuffer;

/**
 * What the first touch of fresh memory costs on this machine, against writing the same memory again:
 * allocates direct buffers of {@code MiB} each (the JDK zeroes them, which faults every page in), then
 * fills each once more. On a VM whose host backs guest pages lazily the first pass can cost far more
 * than any arithmetic a training step does on that memory (docs/performance.md).
 *
 *   java bench/FirstTouch.java [MiB] [rounds]
 */
public class FirstTouch {
    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int bytes = mib << 20;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            ByteBuffer fresh = ByteBuffer.allocateDirect(bytes);   // zeroed: every page touched for the first time
            long touched = System.nanoTime();
            for (int i = 0; i < bytes; i += 8) {
                fresh.putLong(i, i);
            }
            long again = System.nanoTime();
            double first = (touched - start) / 1e6;
            double second = (again - touched) / 1e6;
            System.out.printf("round %d: first touch of %d MiB %.1f ms (%.2f ms/MiB, %.1f µs per 4 KiB page);"
                    + " writing it again %.1f ms%n", r + 1, mib, first, first / mib, first * 1000 / (mib * 256.0), second);
            fresh = null;
            System.gc();   // frees the buffer, so the next round gets fresh pages again
        }
    }
}
