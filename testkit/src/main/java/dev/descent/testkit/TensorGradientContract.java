package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tensor operation's gradient on a device, checked against central finite differences, plus
 * the rules of autograd (accumulation, no tracking under {@link GradMode}, scopes). Extend it with
 * your device, as for {@link DeviceContract}.
 */
public abstract class TensorGradientContract extends OnDevice {


    /**
     * One operation to check: inputs of the given shapes with values in [low, high], kept at least
     * {@code kinkDistance} away from {@code kink} (where the function is not differentiable).
     */
    public record Case(String name, Function<List<Tensor>, Tensor> f, double low, double high, double kink,
                       Shape... shapes) {

        Case(String name, Function<List<Tensor>, Tensor> f, double low, double high, Shape... shapes) {
            this(name, f, low, high, Double.NaN, shapes);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> operations() {
        Shape m32 = Shape.of(3, 2);
        return Stream.of(
                new Case("add with broadcasting", x -> x.get(0).add(x.get(1)), -2, 2, m32, Shape.of(2)),
                new Case("sub with broadcasting", x -> x.get(0).sub(x.get(1)), -2, 2, m32, Shape.of(3, 1)),
                new Case("mul with broadcasting", x -> x.get(0).mul(x.get(1)), -2, 2, m32, Shape.of(1, 2)),
                new Case("div with broadcasting", x -> x.get(0).div(x.get(1)), 0.5, 2, m32, Shape.of(2)),
                new Case("mul of a scalar tensor", x -> x.get(0).mul(x.get(1)), -2, 2, m32, Shape.SCALAR),
                new Case("add scalar", x -> x.get(0).add(1.5), -2, 2, m32),
                new Case("sub scalar", x -> x.get(0).sub(1.5), -2, 2, m32),
                new Case("mul scalar", x -> x.get(0).mul(-3), -2, 2, m32),
                new Case("div scalar", x -> x.get(0).div(4), -2, 2, m32),
                new Case("reverse sub", x -> x.get(0).reverseSub(2), -2, 2, m32),
                new Case("reverse div", x -> x.get(0).reverseDiv(2), 0.5, 2, m32),
                new Case("neg", x -> x.get(0).neg(), -2, 2, m32),
                new Case("square", x -> x.get(0).square(), -2, 2, m32),
                new Case("pow 3", x -> x.get(0).pow(3), -1.5, 1.5, m32),
                new Case("pow 0.5", x -> x.get(0).pow(0.5), 0.5, 2, m32),
                new Case("abs", x -> x.get(0).abs(), -2, 2, 0, m32),
                new Case("exp", x -> x.get(0).exp(), -1, 1, m32),
                new Case("log", x -> x.get(0).log(), 0.5, 3, m32),
                new Case("sqrt", x -> x.get(0).sqrt(), 0.5, 3, m32),
                new Case("max against a scalar", x -> x.get(0).max(0.25), -2, 2, 0.25, m32),
                new Case("min against a scalar", x -> x.get(0).min(0.25), -2, 2, 0.25, m32),
                new Case("sum", x -> x.get(0).sum(), -2, 2, m32),
                new Case("sum along axis 0", x -> x.get(0).sum(0), -2, 2, m32),
                new Case("sum along axis 1", x -> x.get(0).sum(1), -2, 2, m32),
                new Case("mean", x -> x.get(0).mean(), -2, 2, m32),
                new Case("mean along axis 0", x -> x.get(0).mean(0), -2, 2, m32),
                new Case("reshape", x -> x.get(0).reshape(2, 3).mul(x.get(0).reshape(2, 3)), -2, 2, m32),
                new Case("transpose", x -> x.get(0).transpose().matmul(x.get(1)), -2, 2, m32, Shape.of(3, 4)),
                new Case("matmul", x -> x.get(0).matmul(x.get(1)), -2, 2, m32, Shape.of(2, 4)),
                new Case("gather rows, some twice", x -> x.get(0).gatherRows(new int[] {2, 0, 2}).square(), -2, 2,
                        m32),
                new Case("a tensor used twice", x -> x.get(0).mul(x.get(0)).add(x.get(0)), -2, 2, m32),
                new Case("the book's model and loss", x -> x.get(0).matmul(x.get(1)).add(x.get(2))
                        .sub(x.get(3).reshape(4, 1)).square().div(2), -2, 2,
                        Shape.of(4, 2), Shape.of(2, 1), Shape.of(1), Shape.of(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void gradientMatchesCentralFiniteDifferences(Case c) {
        SplittableRandom random = new SplittableRandom(c.name().hashCode());
        float[][] values = new float[c.shapes().length][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[c.shapes()[i].size()];
            for (int e = 0; e < values[i].length; e++) {
                double v;
                do {
                    v = c.low() + (c.high() - c.low()) * random.nextDouble();
                } while (!Double.isNaN(c.kink()) && Math.abs(v - c.kink()) < 0.1);
                values[i][e] = (float) v;
            }
        }
        new GradientCheck(device).check(c.name(), c.f(), values, c.shapes());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.parameter(device, new float[] {1f, 2f}, Shape.of(2));
        w.mul(3).sum().backward();
        w.mul(3).sum().backward();
        assertThat(w.grad().toFloatArray()).containsExactly(6f, 6f);
        w.zeroGrad();
        assertThat(w.grad().toFloatArray()).containsExactly(0f, 0f);
    }

    @Test
    void nothingIsRecordedWhileGradientsAreDisabled() {
        Tensor w = Tensor.parameter(device, new float[] {1f, 2f}, Shape.of(2));
        try (GradMode off = GradMode.disable()) {
            Tensor y = w.mul(3).sum();
            assertThat(y.requiresGrad()).isFalse();
            assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class);
        }
        assertThat(w.mul(3).requiresGrad()).isTrue();
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor w = Tensor.parameter(device, new float[] {1f, 2f}, Shape.of(2));
        assertThatThrownBy(() -> w.mul(2).backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sum()");
    }

    @Test
    void aScopeReleasesItsTensorsButNotParameters() {
        Tensor w = Tensor.parameter(device, new float[] {1f, 2f}, Shape.of(2));
        Tensor inside;
        Tensor kept;
        try (TensorScope scope = TensorScope.open()) {
            inside = w.mul(2);
            kept = scope.keep(w.add(1));
            w.mul(w).sum().backward();
        }
        assertThatThrownBy(inside::toFloatArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThat(kept.toFloatArray()).containsExactly(2f, 3f);
        assertThat(w.toFloatArray()).containsExactly(1f, 2f);
        assertThat(w.grad().toFloatArray()).containsExactly(2f, 4f);
    }

    @Test
    void inPlaceUpdatesChangeValuesWithoutRecording() {
        Tensor w = Tensor.parameter(device, new float[] {1f, 2f}, Shape.of(2));
        w.mul(w).sum().backward();
        try (GradMode off = GradMode.disable()) {
            w.addScaledInPlace(-0.5, w.grad());
        }
        assertThat(w.toFloatArray()).containsExactly(0f, 0f);
    }

    @Test
    void shapeMismatchesAreReportedWithBothShapes() {
        Tensor a = Tensor.zeros(device, Shape.of(3, 2));
        Tensor b = Tensor.zeros(device, Shape.of(3));
        assertThatThrownBy(() -> a.add(b)).hasMessageContaining("(3, 2)").hasMessageContaining("(3,)");
        assertThatThrownBy(() -> a.matmul(a)).hasMessageContaining("(3, 2) · (3, 2)");
    }
}
