package dev.descent.plugins.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.DescentException;
import dev.descent.api.Loss;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.ClassificationLossContract;
import java.lang.reflect.Field;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest extends ClassificationLossContract {

    @Override
    protected Loss createLoss() {
        return new CrossEntropyLoss();
    }

    private static CrossEntropyLoss smoothed(double epsilon) throws ReflectiveOperationException {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Field f = CrossEntropyLoss.class.getDeclaredField("labelSmoothing");
        f.setAccessible(true);
        f.set(loss, epsilon);
        return loss;
    }

    /** −(1 − ε) log p_y − ε mean_j log p_j, in double: the book's formula with torch's label smoothing. */
    private static double reference(float[] z, int offset, int k, int label, double epsilon) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(z[offset + j] - max);
        }
        double logSum = max + Math.log(sum);
        double loss = (1 - epsilon) * (logSum - z[offset + label]);
        for (int j = 0; j < k; j++) {
            loss += epsilon / k * (logSum - z[offset + j]);
        }
        return loss;
    }

    @Test
    void isMinusTheLogOfTheSoftmaxOfTheTrueClassWithAndWithoutLabelSmoothing() throws ReflectiveOperationException {
        int n = 30;
        int k = 5;
        SplittableRandom random = new SplittableRandom(3);
        float[] z = new float[n * k];
        float[] y = new float[n];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (random.nextGaussian() * 4);
        }
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(k);
        }
        try (CpuDevice cpu = new CpuDevice()) {
            for (double epsilon : new double[] {0, 0.1}) {
                float[] l = smoothed(epsilon).apply(Tensor.of(cpu, z, Shape.of(n, k)), Tensor.of(cpu, y, Shape.of(n)))
                        .toFloatArray();
                for (int i = 0; i < n; i++) {
                    double expected = reference(z, i * k, k, (int) y[i], epsilon);
                    assertThat((double) l[i]).as("row %d, label smoothing %s", i, epsilon)
                            .isCloseTo(expected, within(1e-5 + 1e-6 * expected));
                }
            }
        }
    }

    @Test
    void logitsOfTenThousandGiveTheExactLossAndTheSoftmaxGradient() {
        try (CpuDevice cpu = new CpuDevice()) {
            Tensor z = Tensor.parameter(cpu, new float[] {1e4f, -1e4f, 0, -1e4f, 1e4f, 0}, Shape.of(2, 3));
            Tensor l = new CrossEntropyLoss().apply(z, Tensor.of(cpu, new float[] {1, 1}, Shape.of(2)));
            assertThat(l.toFloatArray()).containsExactly(2e4f, 0f);
            l.sum().backward();
            assertThat(z.grad().toFloatArray()).containsExactly(1f, -1f, 0f, 0f, 0f, 0f);
        }
    }

    @Test
    void oneLogitPerRowIsRefusedPointingToBinaryCrossEntropy() {
        try (CpuDevice cpu = new CpuDevice()) {
            assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(cpu, new float[2], Shape.of(2, 1)),
                    Tensor.of(cpu, new float[2], Shape.of(2)))).isInstanceOf(DescentException.class)
                    .hasMessageContaining("binary-cross-entropy");
        }
    }

    private static CrossEntropyLoss weighted(String... weights) throws ReflectiveOperationException {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Field f = CrossEntropyLoss.class.getDeclaredField("classWeights");
        f.setAccessible(true);
        f.set(loss, weights);
        return loss;
    }

    @Test
    void classWeightsMakeTheBatchMeanTorchsWeightedMean() throws ReflectiveOperationException {
        float[] z = {2, -1, 0.5f, 0, 1, -2, 3, 0, 1, -1, -1, 2};
        float[] y = {0, 2, 1, 2};
        float[] w = {1, 3, 0.5f};
        try (CpuDevice cpu = new CpuDevice()) {
            float[] l = weighted("1", "3", "0.5").apply(Tensor.of(cpu, z, Shape.of(4, 3)), Tensor.of(cpu, y,
                    Shape.of(4))).toFloatArray();
            double weightedSum = 0;
            double weights = 0;
            double batchMean = 0;
            for (int i = 0; i < 4; i++) {
                double wy = w[(int) y[i]];
                weightedSum += wy * reference(z, i * 3, 3, (int) y[i], 0);
                weights += wy;
                batchMean += l[i] / 4.0;
                // each example's share: w_y l · n / Σ w_y
                assertThat((double) l[i]).isCloseTo(wy * reference(z, i * 3, 3, (int) y[i], 0) * 4 / 5.0,   // Σ w_y = 1 + 0.5 + 3 + 0.5
                        within(1e-5));
            }
            assertThat(batchMean).isCloseTo(weightedSum / weights, within(1e-6));
        }
    }

    @Test
    void balancedWeightsComeFromTheTrainingCountsAndAreKeptAsNumbers() throws ReflectiveOperationException {
        CrossEntropyLoss loss = weighted("balanced");
        loss.fit(java.util.List.of("no", "yes"), new long[] {292, 108});
        Field f = CrossEntropyLoss.class.getDeclaredField("classWeights");
        f.setAccessible(true);
        assertThat((String[]) f.get(loss)).containsExactly(Float.toString(400f / 584), Float.toString(400f / 216));
        assertThatThrownBy(() -> weighted("balanced").fit(java.util.List.of("no", "yes"), new long[0]))
                .isInstanceOf(DescentException.class).hasMessage("loss.class-weights = balanced needs the training"
                        + " rows' class counts, which this run's engine does not gather; give one weight per class"
                        + " instead (no, yes)");
        assertThatThrownBy(() -> weighted("balanced").fit(java.util.List.of("no", "yes"), new long[] {5, 0}))
                .isInstanceOf(DescentException.class).hasMessageStartingWith("loss.class-weights = balanced, but the"
                        + " training rows hold no example of the class 'yes'");
    }

    @Test
    void weightsThatDoNotFitTheClassesAreRefusedNamingThem() {
        assertThatThrownBy(() -> weighted("1", "2", "3").fit(java.util.List.of("no", "yes"), new long[] {1, 1}))
                .isInstanceOf(DescentException.class).hasMessage("loss.class-weights gives 3 weight(s), but the data"
                        + " has 2 classes (no, yes); give one weight per class in that order, or balanced");
        try (CpuDevice cpu = new CpuDevice()) {
            Tensor z = Tensor.of(cpu, new float[4], Shape.of(2, 2));
            Tensor y = Tensor.of(cpu, new float[2], Shape.of(2));
            assertThatThrownBy(() -> weighted("1", "x").apply(z, y)).isInstanceOf(DescentException.class)
                    .hasMessage("loss.class-weights = 1, x: 'x' is not a weight; give balanced, or one number ≥ 0 per"
                            + " class");
            assertThatThrownBy(() -> weighted("0", "0").apply(z, y)).isInstanceOf(DescentException.class)
                    .hasMessageContaining("weighs every class 0");
        }
    }
}
