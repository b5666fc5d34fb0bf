package dev.descent.plugins.squaredloss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.api.Loss;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.LossContract;
import org.junit.jupiter.api.Test;

class SquaredLossTest extends LossContract {

    private final SquaredLoss loss = new SquaredLoss();

    @Override
    protected Loss createLoss() {
        return new SquaredLoss();
    }

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }

    @Test
    void givesTheBitsOfSubtractingSquaringAndHalvingBothForwardAndBackward() {
        java.util.Random random = new java.util.Random(3);
        float[] predictions = new float[1000];
        float[] targets = new float[1000];
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = (float) (random.nextGaussian() * 3);
            targets[i] = (float) random.nextGaussian();
        }
        Tensor fusedYHat = Tensor.parameter(device, predictions.clone(), Shape.of(1000, 1));
        Tensor chainYHat = Tensor.parameter(device, predictions.clone(), Shape.of(1000, 1));
        Tensor y = Tensor.of(device, targets, Shape.of(1000));
        Tensor fused = loss.apply(fusedYHat, y);
        Tensor chain = chainYHat.sub(y.reshape(1000, 1)).square().div(2);
        assertThat(fused.toFloatArray()).containsExactly(chain.toFloatArray());
        fused.sum().backward();
        chain.sum().backward();
        assertThat(fusedYHat.grad().toFloatArray()).containsExactly(chainYHat.grad().toFloatArray());
    }

    @Test
    void isHalfTheSquaredErrorPerExample() {
        Tensor yHat = Tensor.of(device, new float[] {1f, 2f, 3f}, Shape.of(3, 1));
        Tensor y = Tensor.of(device, new float[] {1f, 4f, 2f}, Shape.of(3, 1));
        Tensor l = loss.apply(yHat, y);
        assertThat(l.shape()).isEqualTo(Shape.of(3, 1));
        assertThat(l.toFloatArray()).containsExactly(0f, 2f, 0.5f);
    }

    @Test
    void withSeveralTargetsAnExamplesLossIsTheSumOverItsOutputs() {
        Tensor yHat = Tensor.of(device, new float[] {1f, 2f, 3f, 4f}, Shape.of(2, 2));
        Tensor y = Tensor.of(device, new float[] {0f, 0f, 3f, 2f}, Shape.of(2, 2));
        Tensor l = new SquaredLoss().apply(yHat, y);
        assertThat(l.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(l.toFloatArray()).containsExactly(2.5f, 2f);
    }

    @Test
    void acceptsLabelsAsAFlatVectorLikeTheBook() {
        Tensor yHat = Tensor.of(device, new float[] {1f, 2f}, Shape.of(2, 1));
        Tensor y = Tensor.of(device, new float[] {0f, 0f}, Shape.of(2));
        assertThat(loss.apply(yHat, y).toFloatArray()).containsExactly(0.5f, 2f);
    }

    @Test
    void gradientIsThePredictionError() {
        Tensor yHat = Tensor.parameter(device, new float[] {1f, 2f, 3f}, Shape.of(3, 1));
        Tensor y = Tensor.of(device, new float[] {1f, 4f, 2f}, Shape.of(3, 1));
        loss.apply(yHat, y).sum().backward();
        assertThat(yHat.grad().toFloatArray()).containsExactly(0f, -2f, 1f);
    }
}
