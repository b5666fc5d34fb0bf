package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Device;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Model} must do. Extend it in your plugin's tests and declare the parameters
 * the model should create:
 *
 * <pre>{@code
 * class LinearRegressionTest extends ModelContract {
 *     @Override protected Model createModel() { return new LinearRegression(); }
 *     @Override protected Map<String, Shape> expectedParameters(int features) {
 *         return Map.of("w", Shape.of(features, 1), "b", Shape.of(1));
 *     }
 * }
 * }</pre>
 */
public abstract class ModelContract {

    /** A new model with its default options. */
    protected abstract Model createModel();

    /** The parameters the model must create for inputs of {@code features} columns, by name. */
    protected abstract Map<String, Shape> expectedParameters(int features);

    /** The device the checks run on; the kit's reference device unless overridden. */
    protected Device createDevice() {
        return new ReferenceDevice();
    }

    /** The number of input columns used by the checks. */
    protected int features() {
        return 3;
    }

    protected Device device;

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    /**
     * The classes the model is initialised for: none (a regression model with one output) unless
     * overridden; a classifier's test returns some, e.g. {@code List.of("a", "b", "c")}.
     */
    protected List<String> classes() {
        return List.of();
    }

    /** Values the model gives per row: one per class for a classifier (override for one logit), else 1. */
    protected int outputsPerRow() {
        return classes().isEmpty() ? 1 : classes().size();
    }

    protected Model initialized(long seed) {
        Model model = createModel();
        List<String> classes = classes();
        model.initialize(new ModelContext(device, features(), classes.isEmpty() ? 1 : classes.size(),
                new SplittableRandom(seed), classes));
        return model;
    }

    private Tensor input(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * features()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Tensor.of(device, v, Shape.of(rows, features()));
    }

    @Test
    void createsTheDeclaredParameters() {
        Map<String, Shape> actual = new LinkedHashMap<>();
        for (Parameter p : initialized(1).parameters()) {
            actual.put(p.name(), p.value().shape());
        }
        assertThat(actual).isEqualTo(expectedParameters(features()));
    }

    @Test
    void returnsTheSameParametersEveryTime() {
        Model model = initialized(1);
        List<Parameter> first = model.parameters();
        assertThat(model.parameters()).containsExactlyElementsOf(first);
    }

    @Test
    void theSameSeedGivesTheSameInitialisation() {
        List<Parameter> a = initialized(7).parameters();
        List<Parameter> b = initialized(7).parameters();
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value().toFloatArray()).as(a.get(i).name())
                    .isEqualTo(b.get(i).value().toFloatArray());
        }
    }

    @Test
    void mapsEachRowToItsOutputs() {
        Model model = initialized(1);
        for (int rows : new int[] {0, 1, 5}) {
            assertThat(model.forward(input(rows, rows)).shape()).isEqualTo(Shape.of(rows, outputsPerRow()));
        }
    }

    @Test
    void anAffineModelComputesXTimesWPlusB() {
        Model model = initialized(5);
        java.util.Optional<dev.descent.api.Affine> affine = model.affine();
        if (affine.isEmpty()) {
            return;   // only a model that says it is affine promises this
        }
        // Non-zero weights and bias, so that a wrong layout or a forgotten bias shows.
        SplittableRandom random = new SplittableRandom(9);
        for (Parameter p : model.parameters()) {
            float[] values = new float[p.value().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble() * 2 - 1);
            }
            p.value().assign(values);
        }
        float[] w = valuesOf(model, affine.get().weights());
        float[] b = affine.get().bias() == null ? null : valuesOf(model, affine.get().bias());
        int k = outputsPerRow();
        assertThat(w).as("affine(): the weights '%s' are features × outputs", affine.get().weights())
                .hasSize(features() * k);
        Tensor x = input(3, 13);
        float[] xs = x.toFloatArray();
        float[] yHat;
        try (GradMode off = GradMode.disable()) {
            yHat = model.forward(x).toFloatArray();
        }
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < k; c++) {
                double expected = b == null ? 0 : b[c];
                for (int j = 0; j < features(); j++) {
                    expected += (double) xs[i * features() + j] * w[j * k + c];
                }
                assertThat((double) yHat[i * k + c]).as("affine() says forward is X %s + %s; row %d, output %d",
                        affine.get().weights(), affine.get().bias(), i, c).isCloseTo(expected, within(1e-4));
            }
        }
    }

    private static float[] valuesOf(Model model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("affine() names the parameter '" + name + "', which "
                        + "parameters() does not have")).value().toFloatArray();
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        Model model = initialized(3);
        Tensor x = input(4, 11);
        int k = outputsPerRow();
        float[] weights = new float[4 * k];
        float[] pattern = {0.7f, -1.3f, 0.4f, 1.1f, -0.6f};
        for (int i = 0; i < weights.length; i++) {
            weights[i] = pattern[i % pattern.length] * (1 + i / pattern.length);
        }
        Tensor r = Tensor.of(device, weights, Shape.of(4, k));
        model.forward(x).mul(r).sum().backward();
        double h = 1e-2;
        for (Parameter p : model.parameters()) {
            float[] analytic = p.grad().toFloatArray();
            float[] values = p.value().toFloatArray();
            for (int e = 0; e < values.length; e++) {
                float[] plus = values.clone();
                float[] minus = values.clone();
                plus[e] += (float) h;
                minus[e] -= (float) h;
                double numeric = (weightedOutput(model, p, plus, x, r) - weightedOutput(model, p, minus, x, r))
                        / ((double) plus[e] - minus[e]);
                p.value().assign(values);
                assertThat((double) analytic[e]).as("d/d %s[%d]", p.name(), e)
                        .isCloseTo(numeric, within(2e-3 + 2e-2 * Math.abs(numeric)));
            }
        }
    }

    private static double weightedOutput(Model model, Parameter p, float[] values, Tensor x, Tensor r) {
        p.value().assign(values);
        try (GradMode off = GradMode.disable()) {
            float[] out = model.forward(x).toFloatArray();
            float[] w = r.toFloatArray();
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += (double) out[i] * w[i];
            }
            return sum;
        }
    }

    @Test
    void inputGradientsMatchFiniteDifferences() {
        Model model = initialized(5);
        float[] x = input(3, 13).toFloatArray();
        new GradientCheck(device).check(model.getClass().getSimpleName(), in -> model.forward(in.get(0)),
                new float[][] {x}, Shape.of(3, features()));
    }
}
