package dev.descent.plugins.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code affine} is {@code matmul} then {@code add}, bit for bit, forward and backward, at every size the models use. */
class AffineTest {

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Equal arrays, or the first element that differs (AssertJ's diff of large arrays takes minutes). */
    private static void assertSameBits(String what, Tensor actual, Tensor expected) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(a.length).as(what + ": length").isEqualTo(e.length);
        int mismatch = java.util.Arrays.mismatch(a, e);
        assertThat(mismatch).as(what + ": first differing element %d: %s, expected %s", mismatch,
                mismatch < 0 ? null : a[mismatch], mismatch < 0 ? null : e[mismatch]).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} x {1} by {2}")
    @CsvSource({"10, 2, 1", "1024, 100, 1", "256, 100, 10", "300000, 3, 1", "70000, 20, 4"})
    void givesTheBitsOfAProductPlusABiasForwardAndBackward(int m, int k, int n) {
        Random random = new Random(m + k + n);
        float[] xs = gaussian(random, m * k);
        float[] ws = gaussian(random, k * n);
        float[] bs = gaussian(random, n);
        float[] gs = gaussian(random, m * n);
        try (CpuDevice device = new CpuDevice()) {
            Tensor x1 = Tensor.parameter(device, xs.clone(), Shape.of(m, k));
            Tensor w1 = Tensor.parameter(device, ws.clone(), Shape.of(k, n));
            Tensor b1 = Tensor.parameter(device, bs.clone(), Shape.of(n));
            Tensor x2 = Tensor.parameter(device, xs.clone(), Shape.of(m, k));
            Tensor w2 = Tensor.parameter(device, ws.clone(), Shape.of(k, n));
            Tensor b2 = Tensor.parameter(device, bs.clone(), Shape.of(n));
            Tensor fused = x1.affine(w1, b1);
            Tensor chain = x2.matmul(w2).add(b2);
            assertThat(fused.shape()).isEqualTo(chain.shape());
            assertSameBits("value", fused, chain);
            Tensor g = Tensor.of(device, gs, Shape.of(m, n));
            fused.mul(g).sum().backward();
            chain.mul(g).sum().backward();
            assertSameBits("w's gradient", w1.grad(), w2.grad());
            assertSameBits("b's gradient", b1.grad(), b2.grad());
            assertSameBits("x's gradient", x1.grad(), x2.grad());
        }
    }

    @Test
    void aBiasThatDoesNotBroadcastOverTheRowsIsRefused() {
        try (CpuDevice device = new CpuDevice()) {
            Tensor x = Tensor.zeros(device, Shape.of(3, 2));
            Tensor w = Tensor.zeros(device, Shape.of(2, 4));
            assertThatThrownBy(() -> x.affine(w, Tensor.zeros(device, Shape.of(3, 4, 1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> x.affine(w, Tensor.zeros(device, Shape.of(3))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
