package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scope releases exactly the tensors made in it, however many, and {@code keep} hands one to the scope around it. */
class TensorScopeTest {

    private final ReferenceDevice device = new ReferenceDevice();

    private Tensor vector(float... values) {
        return Tensor.of(device, values, Shape.of(values.length));
    }

    private static boolean released(Tensor t) {
        try {
            t.toFloatArray();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Test
    void closingAScopeReleasesEveryTensorMadeInItButNotParametersOrTensorsMadeOutside() {
        Tensor outside = vector(1, 2);
        Tensor w = Tensor.parameter(device, new float[] {3, 4}, Shape.of(2));
        List<Tensor> made = new ArrayList<>();
        try (TensorScope scope = TensorScope.open()) {
            for (int i = 0; i < 40; i++) {   // more than the scope's first array holds
                made.add(w.mul(i).add(outside));
            }
            made.get(39).sum().backward();
        }
        assertThat(made).allMatch(TensorScopeTest::released);
        assertThat(outside.toFloatArray()).containsExactly(1, 2);
        assertThat(w.toFloatArray()).containsExactly(3, 4);
        assertThat(w.grad().toFloatArray()).containsExactly(39, 39);
    }

    @Test
    void aKeptTensorSurvivesItsScopeAndBelongsToTheEnclosingOne() {
        Tensor kept;
        Tensor dropped;
        try (TensorScope outer = TensorScope.open()) {
            try (TensorScope inner = TensorScope.open()) {
                dropped = vector(1);
                kept = inner.keep(vector(5, 6));
            }
            assertThat(released(dropped)).isTrue();
            assertThat(kept.toFloatArray()).containsExactly(5, 6);
        }
        assertThat(released(kept)).isTrue();
    }

    @Test
    void aTensorKeptFromTheOutermostScopeIsNeverReleasedByAScope() {
        Tensor kept;
        try (TensorScope scope = TensorScope.open()) {
            kept = scope.keep(vector(7));
        }
        assertThat(kept.toFloatArray()).containsExactly(7);
    }

    @Test
    void closingTwiceIsHarmlessAndTheEnclosingScopeIsCurrentAgain() {
        try (TensorScope outer = TensorScope.open()) {
            TensorScope inner = TensorScope.open();
            Tensor a = vector(1);
            inner.close();
            inner.close();
            assertThat(released(a)).isTrue();
            Tensor b = vector(2);   // registered with outer again
            outer.close();
            assertThat(released(b)).isTrue();
        }
        Tensor unscoped = vector(3);   // no scope is open any more
        assertThat(unscoped.toFloatArray()).containsExactly(3);
    }
}
