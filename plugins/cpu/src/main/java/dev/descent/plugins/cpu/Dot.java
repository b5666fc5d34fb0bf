package dev.descent.plugins.cpu;

/**
 * The dot product, the one hot loop the JIT cannot vectorise by itself (it may not reorder float
 * additions). Every implementation adds in the same fixed order, so they give bit-identical results:
 * eight running sums, sum {@code j} taking the products {@code i ≡ j (mod 8)} of the first
 * {@code n - n % 8} elements, combined as {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))},
 * then the remaining {@code n % 8} products added one by one. Products and sums are rounded
 * separately (no fused multiply-add), as in plain Java.
 */
abstract class Dot {

    static final int LANES = 8;

    /** {@code Σ a[ao + i] · b[bo + i]} for {@code i < n}, in the order above. */
    abstract float dot(float[] a, int ao, float[] b, int bo, int n);

    /** One line for the device's description. */
    abstract String description();

    /**
     * The Vector API version when the JVM was started with {@code --add-modules jdk.incubator.vector}
     * and the CPU has 256-bit vectors; otherwise plain Java with eight independent sums, which the
     * processor overlaps instead of waiting on one.
     */
    static Dot best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Dot vector = (Dot) Class.forName("dev.descent.plugins.cpu.VectorDot").getDeclaredConstructor().newInstance();
                if (vector.description() != null) {
                    return vector;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // The module is there but unusable: the plain version gives the same results.
            }
        }
        return new PlainDot();
    }

    /** Plain Java: eight sums in registers. */
    static final class PlainDot extends Dot {

        @Override
        float dot(float[] a, int ao, float[] b, int bo, int n) {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            int i = 0;
            for (int end = n - LANES; i <= end; i += LANES) {
                int x = ao + i;
                int y = bo + i;
                s0 += a[x] * b[y];
                s1 += a[x + 1] * b[y + 1];
                s2 += a[x + 2] * b[y + 2];
                s3 += a[x + 3] * b[y + 3];
                s4 += a[x + 4] * b[y + 4];
                s5 += a[x + 5] * b[y + 5];
                s6 += a[x + 6] * b[y + 6];
                s7 += a[x + 7] * b[y + 7];
            }
            float sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            for (; i < n; i++) {
                sum += a[ao + i] * b[bo + i];
            }
            return sum;
        }

        @Override
        String description() {
            return "plain Java loops";
        }
    }
}
