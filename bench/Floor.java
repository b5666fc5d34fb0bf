import java.util.SplittableRandom;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The least memory work an epoch of W3 and W4 must do on this machine, measured with warm code:
 * visiting every row once in shuffled order (copying each batch's rows into a batch buffer, as
 * every system compared does), and reading every row once more in order for the epoch's loss (here
 * with both cores). No arithmetic beyond a dot product per row, no JIT warm-up, no autograd: a
 * training run of the workload cannot take less than the sum. docs/performance.md compares it with
 * the speed targets.
 *
 *   java -Xmx3g -XX:+UseTransparentHugePages bench/Floor.java [reps]
 */
public class Floor {

    static volatile double sink;

    public static void main(String[] args) throws InterruptedException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        floor("W3", 200_000, 512, 256, reps);
        floor("W4", 2_000_000, 100, 1024, reps);
    }

    static void floor(String workload, int n, int d, int batch, int reps) throws InterruptedException {
        float[] x = new float[n * d];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        float[] w = new float[d];
        java.util.Arrays.fill(w, 0.5f);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] buffer = new float[batch * d];
        float[] otherBuffer = new float[batch * d];   // the second thread's, outside the timed part
        double bestGather = Double.MAX_VALUE;
        double bestGather2 = Double.MAX_VALUE;
        double bestRead = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            for (int i = n - 1; i > 0; i--) {   // a fresh shuffle per epoch, as training does
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long start = System.nanoTime();
            float checksum = gather(x, order, d, batch, 0, n, buffer);
            bestGather = Math.min(bestGather, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            int half = (n / batch / 2) * batch;
            float[] theirs = new float[1];
            Thread other = new Thread(() -> theirs[0] = gather(x, order, d, batch, half, n, otherBuffer));
            other.start();
            checksum += gather(x, order, d, batch, 0, half, buffer);
            other.join();
            bestGather2 = Math.min(bestGather2, (System.nanoTime() - start) / 1e9);
            checksum += theirs[0];
            start = System.nanoTime();
            double loss = readInOrder(x, w, n, d);
            bestRead = Math.min(bestRead, (System.nanoTime() - start) / 1e9);
            sink = checksum + loss;
        }
        double floor = Math.min(bestGather, bestGather2) + bestRead;
        System.out.printf("%s (%d × %d, %.0f MiB): shuffled batches %.3f s on 1 thread, %.3f s on 2;"
                        + " in-order read on 2 threads %.3f s; floor %.3f s%n", workload, n, d,
                x.length * 4.0 / (1 << 20), bestGather, bestGather2, bestRead, floor);
    }

    /** Copies the rows of batches {@code [from, to)} of the shuffled order into {@code buffer}, batch by batch. */
    static float gather(float[] x, int[] order, int d, int batch, int from, int to, float[] buffer) {
        float checksum = 0;
        for (int start = from; start < to; start += batch) {
            int count = Math.min(batch, to - start);
            for (int i = 0; i < count; i++) {
                System.arraycopy(x, order[start + i] * d, buffer, i * d, d);
            }
            checksum += buffer[(count - 1) * d];
        }
        return checksum;
    }

    /** Σ over rows of (x_i · w)², half the rows on another thread. */
    static double readInOrder(float[] x, float[] w, int n, int d) throws InterruptedException {
        DoubleAdder total = new DoubleAdder();
        Thread other = new Thread(() -> total.add(rows(x, w, n / 2, n, d)));
        other.start();
        total.add(rows(x, w, 0, n / 2, d));
        other.join();
        return total.sum();
    }

    static double rows(float[] x, float[] w, int from, int to, int d) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int base = i * d;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                s0 += x[base + k] * w[k];
                s1 += x[base + k + 1] * w[k + 1];
                s2 += x[base + k + 2] * w[k + 2];
                s3 += x[base + k + 3] * w[k + 3];
            }
            for (; k < d; k++) {
                s0 += x[base + k] * w[k];
            }
            float p = (s0 + s1) + (s2 + s3);
            sum += p * p;
        }
        return sum;
    }
}
