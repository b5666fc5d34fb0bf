package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.api.LearningRate;
import dev.descent.api.Option;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.api.State;
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

    /**
     * Whether the optimizer, with its default options, decays weights (AdamW): parameters then shrink
     * toward zero even without a gradient, and the zero-gradient checks expect exactly that.
     */
    protected boolean decaysWeights() {
        return false;
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

    /** A new optimizer, initialised for {@code parameters} as the trainer does before the first step. */
    private Optimizer started(List<Parameter> parameters) {
        Optimizer optimizer = createOptimizer();
        optimizer.initialize(parameters);
        return optimizer;
    }

    /** One step as the trainer takes it, on {@code objective}'s gradient (or a zero gradient if null). */
    private void step(Optimizer optimizer, List<Parameter> parameters, Tensor objective) {
        step(optimizer, parameters, objective, 1);
    }

    /** One step on the gradient of {@code objective} summed over {@code batchSize} examples. */
    private void step(Optimizer optimizer, List<Parameter> parameters, Tensor objective, int batchSize) {
        try (TensorScope scope = TensorScope.open()) {
            if (objective != null) {
                objective.backward();
            }
            try (GradMode off = GradMode.disable()) {
                optimizer.step(parameters, batchSize);
            }
            parameters.forEach(p -> p.value().zeroGrad());
        }
    }

    /** {@code steps} steps on the quadratic of {@code p}. */
    private void descend(Optimizer optimizer, List<Parameter> parameters, int steps) {
        for (int i = 0; i < steps; i++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor objective = null;
                for (Parameter p : parameters) {
                    objective = objective == null ? quadratic(p) : objective.add(quadratic(p));
                }
                step(optimizer, parameters, objective);
            }
        }
    }

    private double value(Parameter p) {
        try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
            return quadratic(p).item();
        }
    }

    @Test
    void minimisesAConvexQuadratic() {
        Parameter p = parameter("theta", 4f, 3f, -3f);
        Optimizer optimizer = started(List.of(p));
        double start = value(p);
        for (int i = 0; i < steps(); i++) {
            try (TensorScope scope = TensorScope.open()) {
                step(optimizer, List.of(p), quadratic(p));
            }
        }
        assertThat(value(p)).as("did not reach f < %s in %,d steps from f = %s; a slow optimizer can override"
                + " steps(), or its default lr may be too small", start * 1e-3, steps(), start)
                .isLessThan(start * 1e-3);
    }

    /** Whether the optimizer's class (or a superclass) declares an {@code lr} option. */
    private static boolean hasLrOption(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null && option.name().equals("lr")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aScheduleSetsTheRateThroughLearningRateAndARateOfZeroTakesNoStep() {
        Optimizer optimizer = createOptimizer();
        if (hasLrOption(optimizer.getClass())) {
            assertThat(optimizer).as("%s has an 'lr' option: implement dev.descent.api.LearningRate (learningRate()"
                    + " returning it, setLearningRate(rate) setting it) so that schedules can change it",
                    optimizer.getClass().getSimpleName()).isInstanceOf(LearningRate.class);
        }
        if (!(optimizer instanceof LearningRate rated)) {
            return;
        }
        double configured = rated.learningRate();
        assertThat(configured).as("the default rate").isPositive().isFinite();
        Parameter p = parameter("theta", 4f, 3f, -3f);
        optimizer.initialize(List.of(p));
        rated.setLearningRate(0);
        assertThat(rated.learningRate()).isZero();
        try (TensorScope scope = TensorScope.open()) {
            step(optimizer, List.of(p), quadratic(p));
        }
        assertThat(p.value().toFloatArray()).as("a step at rate 0").containsExactly(4f, 3f, -3f);
        rated.setLearningRate(configured);
        assertThat(rated.learningRate()).isEqualTo(configured);
        double before = value(p);
        try (TensorScope scope = TensorScope.open()) {
            step(optimizer, List.of(p), quadratic(p));
        }
        assertThat(value(p)).as("a step at the configured rate again").isLessThan(before);
    }

    @Test
    void aZeroGradientLeavesParametersUnchanged() {
        Parameter p = parameter("theta", 4f, 3f, -3f);
        Optimizer optimizer = started(List.of(p));
        for (int i = 0; i < 3; i++) {
            step(optimizer, List.of(p), null);
        }
        if (!decaysWeights()) {
            assertThat(p.value().toFloatArray()).as("no gradient, no change (an optimizer that decays weights"
                    + " by default overrides decaysWeights())").containsExactly(4f, 3f, -3f);
            return;
        }
        float[] decayed = p.value().toFloatArray();
        float[] start = {4f, 3f, -3f};
        for (int i = 0; i < 3; i++) {
            assertThat(Math.abs(decayed[i])).as("weight decay shrinks toward zero").isLessThan(Math.abs(start[i]));
            assertThat(Math.signum(decayed[i])).isEqualTo(Math.signum(start[i]));
        }
    }

    @Test
    void stateDoesNotLeakBetweenParameters() {
        Parameter moving = parameter("moving", 4f, 3f, -3f);
        Parameter still = parameter("still", 1f, 1f, 1f);
        Optimizer optimizer = started(List.of(moving, still));
        for (int i = 0; i < 10; i++) {
            step(optimizer, List.of(moving, still), quadratic(moving));
        }
        Parameter alone = parameter("alone", 1f, 1f, 1f);
        Optimizer reference = started(List.of(alone));
        for (int i = 0; i < 10; i++) {
            step(reference, List.of(alone), null);
        }
        assertThat(still.value().toFloatArray()).as("a parameter that never had a gradient, stepped beside one that"
                + " had, against the same parameter stepped alone").containsExactly(alone.value().toFloatArray());
    }

    @Test
    void stateDoesNotLeakBetweenInstances() {
        Parameter p = parameter("p", 4f, 3f, -3f);
        Optimizer used = started(List.of(p));
        for (int i = 0; i < 10; i++) {
            step(used, List.of(p), quadratic(p));
        }
        Parameter fresh = parameter("q", 4f, 3f, -3f);
        Parameter reference = parameter("r", 4f, 3f, -3f);
        step(started(List.of(fresh)), List.of(fresh), quadratic(fresh));
        step(started(List.of(reference)), List.of(reference), quadratic(reference));
        assertThat(fresh.value().toFloatArray()).as("the first step of a new instance differs from another new"
                + " instance's: state is shared between instances (a static field?); keep it in instance fields")
                .isEqualTo(reference.value().toFloatArray());
        assertThat(fresh.value().toFloatArray()).as("one step with a non-zero gradient left the parameter unchanged")
                .isNotEqualTo(new float[] {4f, 3f, -3f});
    }

    @Test
    void isDeterministic() {
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            Parameter p = parameter("p", 4f, 3f, -3f);
            Optimizer optimizer = started(List.of(p));
            for (int i = 0; i < 25; i++) {
                step(optimizer, List.of(p), quadratic(p));
            }
            runs[r] = p.value().toFloatArray();
        }
        assertThat(runs[0]).as("two runs of the same 25 steps differ: the optimizer is not deterministic (a random"
                + " source not from the run, or an iteration order that changes?)").isEqualTo(runs[1]);
    }

    @Test
    void aRestoredOptimizerTakesExactlyTheStepsOfTheUninterruptedOne() {
        Parameter whole = parameter("theta", 4f, 3f, -3f);
        descend(started(List.of(whole)), List.of(whole), 6);

        Parameter interrupted = parameter("theta", 4f, 3f, -3f);
        Optimizer first = started(List.of(interrupted));
        descend(first, List.of(interrupted), 3);
        State saved = first.saveState();
        Optimizer second = started(List.of(interrupted));
        second.restoreState(saved);
        descend(second, List.of(interrupted), 3);
        assertThat(interrupted.value().toFloatArray()).as("3 steps, saveState, restoreState into a new instance,"
                + " 3 steps: the parameters of 6 uninterrupted steps").containsExactly(whole.value().toFloatArray());
    }

    @Test
    void theUpdateFollowsTheMeanGradientOverTheRealBatchSize() {
        // The gradient of a loss summed over 4 identical examples, stepped with batchSize 4, is the mean
        // gradient of one example: the same update as 1 example with batchSize 1.
        Parameter one = parameter("theta", 4f, 3f, -3f);
        Parameter four = parameter("theta", 4f, 3f, -3f);
        Optimizer a = started(List.of(one));
        Optimizer b = started(List.of(four));
        for (int i = 0; i < 3; i++) {
            try (TensorScope scope = TensorScope.open()) {
                step(a, List.of(one), quadratic(one), 1);
                step(b, List.of(four), quadratic(four).mul(4), 4);
            }
        }
        assertThat(four.value().toFloatArray()).as("an optimizer must divide by the batch size it is given")
                .containsExactly(one.value().toFloatArray());
    }

    @Test
    void twoInstancesKeepTheirOwnStateEvenForTheSameParameterObjects() {
        Parameter shared = parameter("theta", 4f, 3f, -3f);
        Optimizer busy = started(List.of(shared));
        Optimizer idle = started(List.of(shared));
        descend(busy, List.of(shared), 5);
        Parameter copy = parameter("theta", shared.value().toFloatArray());
        descend(idle, List.of(shared), 1);
        descend(started(List.of(copy)), List.of(copy), 1);
        assertThat(shared.value().toFloatArray()).as("the first step of the second instance, which must not see"
                + " the first instance's state (a static map keyed by parameter would)")
                .containsExactly(copy.value().toFloatArray());
    }

    @Test
    void theStepCounterAdvancesOncePerStepNotOncePerParameter() {
        Parameter alone = parameter("theta", 4f, 3f, -3f);
        Parameter withOthers = parameter("theta", 4f, 3f, -3f);
        Parameter other = parameter("other", 1f, -1f, 2f);
        descend(started(List.of(alone)), List.of(alone), 4);
        descend(started(List.of(withOthers, other)), List.of(withOthers, other), 4);
        assertThat(withOthers.value().toFloatArray()).as("a parameter's updates must not depend on how many other"
                + " parameters the optimizer steps").containsExactly(alone.value().toFloatArray());
    }
}
