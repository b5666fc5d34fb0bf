package dev.descent.plugins.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.DeviceBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Narrow products (softmax's logits {@code X·W} and its weights' gradient {@code Xᵀ·G}, at most 16
 * columns) take a transposed path; every element must still be the sequential sum the products other
 * than {@code a · bᵀ} (dot products in eight lanes) compute: its starting value, then each product
 * added in order, in float.
 */
class NarrowProductTest {

    /** {@code c[i][j] (+)= Σ_p op(a)[i][p] · op(b)[p][j]}, one product at a time in p order. */
    private static float[] sequential(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int n, int k,
                                      boolean accumulate) {
        float[] out = accumulate ? c.clone() : new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = out[i * n + j];
                for (int p = 0; p < k; p++) {
                    sum += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                out[i * n + j] = sum;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} x {1} by {2}, transposed a {3}, b {4}, accumulate {5}, {6} threads")
    @CsvSource({
        "256, 10, 100, false, false, false, 1",   // softmax's logits for a minibatch
        "100, 10, 256, true, false, true, 1",     // its weights' gradient, added
        "100, 10, 256, true, false, false, 1",
        "256, 3, 7, true, true, true, 1",
        "9000, 10, 100, false, false, false, 2",  // the epoch's logits, split between threads
        "9000, 16, 33, true, true, true, 3",
        "40, 2, 5, false, false, true, 1",
        "17, 16, 1, false, false, false, 1"})
    void narrowProductsAddEachElementsProductsInOrderLikeEveryOtherProduct(int m, int n, int k, boolean ta,
                                                                          boolean tb, boolean accumulate, int threads) {
        Random random = new Random(m * 31L + n * 7L + k);
        float[] a = gaussian(random, m * k);
        float[] b = gaussian(random, k * n);
        float[] c = gaussian(random, m * n);
        CpuDevice device = new CpuDevice();
        device.setThreads(threads);
        try (device) {
            DeviceBuffer z = device.adopt(c.clone());
            device.matmul(device.adopt(a), ta, device.adopt(b), tb, z, m, n, k, accumulate);
            float[] result = new float[m * n];
            device.download(z, result);
            assertThat(result).containsExactly(sequential(a, ta, b, tb, c, m, n, k, accumulate));
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
