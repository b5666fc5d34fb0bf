package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.FunctionLibrary;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.GradientCase;
import dev.descent.tensor.Gradients;
import dev.descent.tensor.TensorFunction;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient of every registered {@link TensorFunction} on a device, checked against central
 * finite differences at each of the function's {@link TensorFunction#gradientCases() cases}, plus the
 * rules of autograd (accumulation, no tracking under {@link GradMode}, scopes). The functions are
 * found as services ({@link FunctionLibrary}) on the test's class path: the built-in ones, and a
 * plugin's own when its test extends this contract. Extend it with your device, as for
 * {@link DeviceContract}.
 */
public abstract class TensorGradientContract extends OnDevice {

    /** Every function registered on the class path, with where it came from, for the messages. */
    static List<TensorFunction> registeredFunctions() {
        List<TensorFunction> functions = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (FunctionLibrary library : ServiceLoader.load(FunctionLibrary.class, loader)) {
            functions.addAll(library.functions());
        }
        return functions;
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> cases = new ArrayList<>();
        for (TensorFunction function : registeredFunctions()) {
            for (GradientCase c : function.gradientCases()) {
                cases.add(Arguments.of(function.name() + ": " + c.label(), c));
            }
        }
        // Graphs rather than single functions: how autograd combines what the functions give it.
        Shape m32 = Shape.of(3, 2);
        cases.add(Arguments.of("graph: a tensor used twice", GradientCase.of("a tensor used twice",
                x -> x.get(0).mul(x.get(0)).add(x.get(0)), -2, 2, m32)));
        cases.add(Arguments.of("graph: the book's model and loss", GradientCase.of("the book's model and loss",
                x -> x.get(0).matmul(x.get(1)).add(x.get(2)).sub(x.get(3).reshape(4, 1)).square().div(2), -2, 2,
                Shape.of(4, 2), Shape.of(2, 1), Shape.of(1), Shape.of(4))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void gradientMatchesCentralFiniteDifferences(String name, GradientCase c) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        float[][] values = new float[c.shapes().size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[c.shapes().get(i).size()];
            for (int e = 0; e < values[i].length; e++) {
                double v;
                do {
                    v = c.low() + (c.high() - c.low()) * random.nextDouble();
                } while (!Double.isNaN(c.kink()) && Math.abs(v - c.kink()) < 0.1);
                values[i][e] = (float) v;
            }
        }
        new GradientCheck(device).check(name, c.call(), values, c.shapes().toArray(Shape[]::new));
    }

    @Test
    void everyRegisteredFunctionSaysWhereItsGradientIsChecked() {
        List<TensorFunction> functions = registeredFunctions();
        assertThat(functions).as("registered functions (is the built-in FunctionLibrary on the class path?)")
                .isNotEmpty();
        for (TensorFunction f : functions) {
            assertThat(f.gradientCases()).as("function '%s' (%s) has no gradient cases, so its backward is never"
                    + " checked; return at least one from gradientCases()", f.name(), f.getClass().getName())
                    .isNotEmpty();
        }
    }

    @Test
    void aFailingBackwardNamesItsFunction() {
        TensorFunction broken = new TensorFunction() {
            @Override
            public String name() {
                return "broken-backward";
            }

            @Override
            public Tensor forward(Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            public void backward(Gradients gradients) {
                throw new IllegalArgumentException("shapes do not fit");
            }
        };
        Tensor w = Tensor.parameter(device, new float[] {1f, 2f}, Shape.of(2));
        Tensor y = Tensor.apply(broken, w).sum();
        assertThat(y.functionName()).isEqualTo("sum");
        assertThatThrownBy(y::backward).hasMessageContaining("'broken-backward'").hasMessageContaining("(2,)")
                .hasMessageContaining("shapes do not fit");
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
