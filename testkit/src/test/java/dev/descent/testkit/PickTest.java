package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@code pick}: each row's element at its label, and the gradient back to exactly those elements. */
class PickTest {

    private final ReferenceDevice device = new ReferenceDevice();

    private Tensor logits() {
        return Tensor.parameter(device, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, Shape.of(3, 3));
    }

    @Test
    void picksEachRowsLabelledElementAndSendsTheGradientThereOnly() {
        Tensor x = logits();
        Tensor picked = x.pick(Tensor.of(device, new float[] {2, 0, 1}, Shape.of(3, 1)));
        assertThat(picked.toFloatArray()).containsExactly(3, 4, 8);
        picked.mul(Tensor.of(device, new float[] {10, 20, 30}, Shape.of(3))).sum().backward();
        assertThat(x.grad().toFloatArray()).containsExactly(0, 0, 10, 20, 0, 0, 0, 30, 0);
    }

    @Test
    void aLabelOutsideTheClassesPicksZeroAndGetsNoGradientWhileTheOtherRowsAreUnchanged() {
        Tensor x = logits();
        Tensor picked = x.pick(Tensor.of(device, new float[] {2, 3, 1.5f}, Shape.of(3)));
        assertThat(picked.toFloatArray()).containsExactly(3, 0, 0);
        picked.sum().backward();
        assertThat(x.grad().toFloatArray()).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0);
    }
}
