package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.api.Loss;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Loss} must do. Extend it in your plugin's tests:
 *
 * <pre>{@code
 * class HuberLossTest extends LossContract {
 *     @Override protected Loss createLoss() { return new HuberLoss(); }
 * }
 * }</pre>
 */
public abstract class LossContract {

    /** A new loss with its default options. */
    protected abstract Loss createLoss();

    /** The device the checks run on; the kit's reference device unless overridden. */
    protected Device createDevice() {
        return new ReferenceDevice();
    }

    /** Whether the loss and its gradient are zero where the prediction equals the target. */
    protected boolean zeroWhenPredictionEqualsTarget() {
        return true;
    }

    /** Predictions and targets are drawn from [-range, range]. */
    protected double valueRange() {
        return 3;
    }

    protected Device device;

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    private float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * valueRange());
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64})
    void returnsOneLossPerExample(int n) {
        Tensor yHat = Tensor.of(device, random(n, 1), Shape.of(n, 1));
        assertThat(createLoss().apply(yHat, Tensor.of(device, random(n, 2), Shape.of(n, 1))).size())
                .as("loss of %d predictions against labels of shape (n, 1): one value per example, so no sum or mean"
                        + " inside the loss (the trainer sums)", n).isEqualTo(n);
        assertThat(createLoss().apply(yHat, Tensor.of(device, random(n, 2), Shape.of(n))).size())
                .as("loss of %d predictions against labels of shape (n,): reshape y to yHat's shape first,"
                        + " y.reshape(yHat.shape())", n).isEqualTo(n);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int n = 6;
        Tensor y = Tensor.of(device, random(n, 4), Shape.of(n, 1));
        float[] yHat = random(n, 3);
        float[] labels = y.toFloatArray();
        for (int i = 0; i < n; i++) {
            if (Math.abs(yHat[i] - labels[i]) < 0.2) {
                yHat[i] += 0.5f;   // keep away from a kink at zero error (absolute-value losses)
            }
        }
        Loss loss = createLoss();
        new GradientCheck(device).check(loss.getClass().getSimpleName(), in -> loss.apply(in.get(0), y),
                new float[][] {yHat}, Shape.of(n, 1));
    }

    @Test
    void isZeroWithZeroGradientWherePredictionEqualsTarget() {
        if (!zeroWhenPredictionEqualsTarget()) {
            return;
        }
        float[] values = random(5, 5);
        Tensor yHat = Tensor.parameter(device, values, Shape.of(5, 1));
        Tensor l = createLoss().apply(yHat, Tensor.of(device, values.clone(), Shape.of(5, 1)));
        assertThat(l.toFloatArray()).as("the loss where prediction = target; if yours is not 0 there, override"
                + " zeroWhenPredictionEqualsTarget() to return false").containsOnly(0f);
        l.sum().backward();
        for (float g : yHat.grad().toFloatArray()) {
            assertThat(Math.abs(g)).as("the gradient where prediction = target (override"
                    + " zeroWhenPredictionEqualsTarget() if a loss is not minimal there)").isEqualTo(0f);
        }
    }

    @Test
    void isNonNegativeAndFinite() {
        float[] l = createLoss().apply(Tensor.of(device, random(100, 6), Shape.of(100, 1)),
                Tensor.of(device, random(100, 7), Shape.of(100, 1))).toFloatArray();
        for (float v : l) {
            assertThat(v).as("a loss value: it must be finite and never negative (training minimises it)").isFinite()
                    .isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void isDeterministic() {
        Tensor yHat = Tensor.of(device, random(20, 8), Shape.of(20, 1));
        Tensor y = Tensor.of(device, random(20, 9), Shape.of(20, 1));
        assertThat(createLoss().apply(yHat, y).toFloatArray()).as("two new instances gave different losses for the"
                + " same inputs: a loss keeps no state and draws no random numbers")
                .isEqualTo(createLoss().apply(yHat, y).toFloatArray());
    }

    @Test
    void staysFiniteWithAFiniteGradientForHugeAndTinyErrors() {
        // 1e4 overflows a naive log(cosh(e)) and exp-based losses in float32; 1e-6 underflows careless ones.
        float[] predictions = {1e4f, -1e4f, 1e-6f, -1e-6f, 0f};
        Tensor yHat = Tensor.parameter(device, predictions, Shape.of(5, 1));
        Tensor y = Tensor.of(device, new float[5], Shape.of(5, 1));
        Tensor l = createLoss().apply(yHat, y);
        float[] values = l.toFloatArray();
        l.sum().backward();
        float[] gradient = yHat.grad().toFloatArray();
        for (int i = 0; i < 5; i++) {
            assertThat(values[i]).as("the loss at error %s", predictions[i]).isFinite().isGreaterThanOrEqualTo(0f);
            assertThat(gradient[i]).as("the gradient at error %s", predictions[i]).isFinite();
        }
    }

    @Test
    void agreesWithItselfOnTheFloat32CpuDevice() {
        Devices.assertLossAgreesOnCpu(device, this::createLoss, random(50, 10), Shape.of(50, 1), random(50, 11),
                Shape.of(50, 1));
    }
}
