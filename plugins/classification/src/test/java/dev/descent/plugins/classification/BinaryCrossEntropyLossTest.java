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
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyLossTest extends ClassificationLossContract {

    @Override
    protected Loss createLoss() {
        return new BinaryCrossEntropyLoss();
    }

    @Override
    protected boolean binary() {
        return true;
    }

    @Test
    void isMinusTheLogLikelihoodOfTheLabelUnderTheSigmoid() {
        float[] z = {-30, -3, -0.5f, 0, 0.5f, 3, 30, 2};
        float[] y = {0, 1, 0, 1, 1, 0, 1, 1};
        try (CpuDevice cpu = new CpuDevice()) {
            float[] l = new BinaryCrossEntropyLoss().apply(Tensor.of(cpu, z, Shape.of(8, 1)),
                    Tensor.of(cpu, y, Shape.of(8))).toFloatArray();
            for (int i = 0; i < z.length; i++) {
                // -log σ(z) = log(1 + e^-z); -log(1 - σ(z)) = log(1 + e^z), computed without cancellation.
                double expected = y[i] == 1 ? Math.log1p(Math.exp(-z[i])) : Math.log1p(Math.exp(z[i]));
                assertThat((double) l[i]).as("z = %s, y = %s", z[i], y[i])
                        .isCloseTo(expected, within(1e-6 + 1e-6 * expected));
            }
        }
    }

    @Test
    void theGradientAtZeroIsAHalfMinusTheLabel() {
        try (CpuDevice cpu = new CpuDevice()) {
            Tensor z = Tensor.parameter(cpu, new float[] {0, 0}, Shape.of(2, 1));
            new BinaryCrossEntropyLoss().apply(z, Tensor.of(cpu, new float[] {0, 1}, Shape.of(2, 1))).sum().backward();
            assertThat(z.grad().toFloatArray()).containsExactly(0.5f, -0.5f);
        }
    }

    @Test
    void oneLogitPerClassIsRefusedPointingToCrossEntropy() {
        try (CpuDevice cpu = new CpuDevice()) {
            assertThatThrownBy(() -> new BinaryCrossEntropyLoss().apply(Tensor.of(cpu, new float[4], Shape.of(2, 2)),
                    Tensor.of(cpu, new float[2], Shape.of(2)))).isInstanceOf(DescentException.class)
                    .hasMessageContaining("loss = cross-entropy");
        }
    }
}
