package dev.descent.plugins.sgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Device;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinibatchSgdTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer() {
        return new MinibatchSgd();
    }

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }

    /** A parameter whose gradient is {@code grad} after one backward pass. */
    private Parameter parameterWithGradient(float[] values, float[] grad) {
        Tensor t = Tensor.parameter(device, values, Shape.of(values.length));
        t.mul(Tensor.of(device, grad, Shape.of(grad.length))).sum().backward();
        return new Parameter("p", t);
    }

    @Test
    void stepsAgainstTheGradientScaledByLearningRateOverBatchSize() {
        Parameter p = parameterWithGradient(new float[] {1f, 2f}, new float[] {10f, -20f});
        new MinibatchSgd().step(List.of(p), 10);
        float[] v = p.value().toFloatArray();
        assertThat(v[0]).isCloseTo(1f - 0.03f * 10f / 10, within(1e-6f));
        assertThat(v[1]).isCloseTo(2f + 0.03f * 20f / 10, within(1e-6f));
    }

    @Test
    void aShortLastBatchIsAveragedOverItsRealSize() {
        Parameter full = parameterWithGradient(new float[] {0f}, new float[] {6f});
        Parameter shortBatch = parameterWithGradient(new float[] {0f}, new float[] {6f});
        MinibatchSgd sgd = new MinibatchSgd();
        sgd.step(List.of(full), 10);
        sgd.step(List.of(shortBatch), 3);
        assertThat(full.value().item()).isCloseTo(-0.018f, within(1e-7f));
        assertThat(shortBatch.value().item()).isCloseTo(-0.06f, within(1e-7f));
    }

    @Test
    void aZeroGradientLeavesParametersUnchanged() {
        Parameter p = parameterWithGradient(new float[] {1.5f, -2f}, new float[] {0f, 0f});
        new MinibatchSgd().step(List.of(p), 10);
        assertThat(p.value().toFloatArray()).containsExactly(1.5f, -2f);
    }
}
