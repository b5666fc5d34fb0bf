package com.example.descent.logcosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.Loss;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.LossContract;
import org.junit.jupiter.api.Test;

/** The test kit's loss contract, plus the values that make it log-cosh, even where a naive one overflows. */
class LogCoshLossTest extends LossContract {

    @Override
    protected Loss createLoss() {
        return new LogCoshLoss();
    }

    @Test
    void isLogCoshOfTheErrorAndStaysFiniteForHugeErrors() {
        Tensor yHat = Tensor.of(device, new float[] {0.5f, -2f, 1000f}, Shape.of(3, 1));
        Tensor y = Tensor.of(device, new float[] {0f, 0f, 0f}, Shape.of(3, 1));
        float[] l = new LogCoshLoss().apply(yHat, y).toFloatArray();
        assertThat(l[0]).isCloseTo((float) Math.log(Math.cosh(0.5)), within(1e-6f));
        assertThat(l[1]).isCloseTo((float) Math.log(Math.cosh(2)), within(1e-6f));
        assertThat(l[2]).isCloseTo((float) (1000 - Math.log(2)), within(1e-3f));   // cosh(1000) overflows a double
    }

    @Test
    void theGradientOfAHugeErrorIsItsSignNotNaN() {
        Tensor yHat = Tensor.parameter(device, new float[] {1000f, -1000f}, Shape.of(2, 1));
        Tensor y = Tensor.of(device, new float[] {0f, 0f}, Shape.of(2, 1));
        new LogCoshLoss().apply(yHat, y).sum().backward();
        assertThat(yHat.grad().toFloatArray()).containsExactly(1f, -1f);
    }
}
