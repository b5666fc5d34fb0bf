package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Optimizer} must do. Extend it in your plugin's tests:
 *
 * <pre>{@code
 * class MomentumSgdTest extends OptimizerContract {
 *     @Override protected Optimizer createOptimizer() { return new MomentumSgd(); }
 * }
 * }</pre>
 *
 * Steps run as the trainer runs them: inside a {@link TensorScope}, outside gradient tracking,
 * with the gradients zeroed afterwards.
 */
public abstract class OptimizerContract {

    /** A new optimizer with its default options. */
    protected abstract Optimizer createOptimizer();

    /** The device the checks run on; the kit's reference device unless overridden. */
    protected Device createDevice() {
        return new ReferenceDevice();
    }

    /** Steps allowed to minimise the test quadratic; raise it for an optimizer with a small default rate. */
    protected int steps() {
        return 1000;
    }

    protected Device device;

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    private static final float[] CURVATURE = {0.5f, 1f, 2f};
    private static final float[] MINIMUM = {1f, -2f, 0.5f};

    private Parameter parameter(String name, float... values) {
        return new Parameter(name, Tensor.parameter(device, values, Shape.of(values.length)));
    }

    /** f(θ) = ½ Σ a_i (θ_i − c_i)², a convex quadratic with its minimum at c. */
    private Tensor quadratic(Parameter p) {
        Tensor a = Tensor.of(device, CURVATURE, Shape.of(3));
        Tensor c = Tensor.of(device, MINIMUM, Shape.of(3));
        return p.value().sub(c).square().mul(a).sum().div(2);
    }

    /** One step as the trainer takes it, on {@code objective}'s gradient (or a zero gradient if null). */
    private void step(Optimizer optimizer, List<Parameter> parameters, Tensor objective) {
        try (TensorScope scope = TensorScope.open()) {
            if (objective != null) {
                objective.backward();
            }
            try (GradMode off = GradMode.disable()) {
                optimizer.step(parameters, 1);
            }
            parameters.forEach(p -> p.value().zeroGrad());
        }
    }

    private double value(Parameter p) {
        try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
            return quadratic(p).item();
        }
    }

    @Test
    void minimisesAConvexQuadratic() {
        Optimizer optimizer = createOptimizer();
        Parameter p = parameter("theta", 4f, 3f, -3f);
        double start = value(p);
        for (int i = 0; i < steps(); i++) {
            try (TensorScope scope = TensorScope.open()) {
                step(optimizer, List.of(p), quadratic(p));
            }
        }
        assertThat(value(p)).as("f after %d steps, from %s", steps(), start).isLessThan(start * 1e-3);
    }

    @Test
    void aZeroGradientLeavesParametersUnchanged() {
        Parameter p = parameter("theta", 4f, 3f, -3f);
        Optimizer optimizer = createOptimizer();
        for (int i = 0; i < 3; i++) {
            step(optimizer, List.of(p), null);
        }
        assertThat(p.value().toFloatArray()).containsExactly(4f, 3f, -3f);
    }

    @Test
    void stateDoesNotLeakBetweenParameters() {
        Parameter moving = parameter("moving", 4f, 3f, -3f);
        Parameter still = parameter("still", 1f, 1f, 1f);
        Optimizer optimizer = createOptimizer();
        for (int i = 0; i < 10; i++) {
            step(optimizer, List.of(moving, still), quadratic(moving));
        }
        assertThat(still.value().toFloatArray()).as("a parameter that never had a gradient").containsExactly(1f, 1f, 1f);
    }

    @Test
    void stateDoesNotLeakBetweenInstances() {
        Optimizer used = createOptimizer();
        Parameter p = parameter("p", 4f, 3f, -3f);
        for (int i = 0; i < 10; i++) {
            step(used, List.of(p), quadratic(p));
        }
        Parameter fresh = parameter("q", 4f, 3f, -3f);
        Parameter reference = parameter("r", 4f, 3f, -3f);
        step(createOptimizer(), List.of(fresh), quadratic(fresh));
        step(createOptimizer(), List.of(reference), quadratic(reference));
        assertThat(fresh.value().toFloatArray()).isEqualTo(reference.value().toFloatArray());
        assertThat(fresh.value().toFloatArray()).isNotEqualTo(new float[] {4f, 3f, -3f});
    }

    @Test
    void isDeterministic() {
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            Optimizer optimizer = createOptimizer();
            Parameter p = parameter("p", 4f, 3f, -3f);
            for (int i = 0; i < 25; i++) {
                step(optimizer, List.of(p), quadratic(p));
            }
            runs[r] = p.value().toFloatArray();
        }
        assertThat(runs[0]).isEqualTo(runs[1]);
    }
}
