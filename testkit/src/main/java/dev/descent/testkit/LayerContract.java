package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Layer} must do. Extend it, say how to make your layer and which parameters it
 * creates, and the checks run: shapes in both passes, the same parameters every time, seeded
 * initialisation, a deterministic evaluation pass, a training pass that depends only on its stream,
 * gradients (of the input and of every parameter) against finite differences, a layer restored from
 * its saved parameters computing what the saved one did, and instances that share no state.
 *
 * <pre>{@code
 * class SwishTest extends LayerContract {
 *     @Override protected Layer createLayer() { return new Swish(); }
 *     @Override protected Map<String, Shape> expectedParameters(int inputs) { return Map.of(); }
 * }
 * }</pre>
 */
public abstract class LayerContract {

    /** A new layer, options at the values under test. */
    protected abstract Layer createLayer();

    /** The parameters the layer must create for input rows of {@code inputs} values, by their names with the prefix {@code 0}. */
    protected abstract Map<String, Shape> expectedParameters(int inputs);

    /** The device the checks run on; the kit's reference device unless overridden. */
    protected Device createDevice() {
        return new ReferenceDevice();
    }

    /** The width of the input rows. */
    protected int inputs() {
        return 3;
    }

    /** The width the whole model must give, which a layer may take (a bare dense layer). */
    protected int modelOutputs() {
        return 2;
    }

    protected Device device;

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    /** A layer initialised from {@code seed}, and the width it gives. */
    protected record Initialized(Layer layer, int outputs) {
    }

    protected Initialized initialized(long seed) {
        Layer layer = createLayer();
        int outputs = layer.initialize(new LayerContext(device, inputs(), modelOutputs(), new SplittableRandom(seed), "0"));
        return new Initialized(layer, outputs);
    }

    private Tensor input(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * inputs()];
        for (int i = 0; i < v.length; i++) {   // |v| in [0.1, 1]: away from the kink of relu at 0, so differences see one side
            v[i] = (float) ((0.1 + 0.9 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
        }
        return Tensor.of(device, v, Shape.of(rows, inputs()));
    }

    private static Pass training(long seed) {
        return Pass.training(new SplittableRandom(seed));
    }

    @Test
    void createsTheDeclaredParameters() {
        Map<String, Shape> actual = new LinkedHashMap<>();
        for (Parameter p : initialized(1).layer().parameters()) {
            actual.put(p.name(), p.value().shape());
        }
        assertThat(actual).isEqualTo(expectedParameters(inputs()));
    }

    @Test
    void returnsTheSameParametersEveryTime() {
        Layer layer = initialized(1).layer();
        List<Parameter> first = layer.parameters();
        assertThat(layer.parameters()).containsExactlyElementsOf(first);
    }

    @Test
    void theSameSeedGivesTheSameInitialisation() {
        List<Parameter> a = initialized(7).layer().parameters();
        List<Parameter> b = initialized(7).layer().parameters();
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value().toFloatArray()).as(a.get(i).name()).isEqualTo(b.get(i).value().toFloatArray());
        }
    }

    @Test
    void mapsEachRowToTheWidthItSaidInBothPasses() {
        Initialized init = initialized(1);
        assertThat(init.outputs()).as("initialize returns the output width").isPositive();
        for (int rows : new int[] {0, 1, 5}) {
            assertThat(init.layer().forward(input(rows, rows), Pass.EVALUATION).shape()).as("evaluation, %d rows", rows)
                    .isEqualTo(Shape.of(rows, init.outputs()));
            assertThat(init.layer().forward(input(rows, rows), training(rows)).shape()).as("training, %d rows", rows)
                    .isEqualTo(Shape.of(rows, init.outputs()));
        }
    }

    @Test
    void anEvaluationPassIsDeterministic() {
        Layer layer = initialized(2).layer();
        Tensor x = input(6, 3);
        try (GradMode off = GradMode.disable()) {
            assertThat(layer.forward(x, Pass.EVALUATION).toFloatArray())
                    .isEqualTo(layer.forward(x, Pass.EVALUATION).toFloatArray());
        }
    }

    @Test
    void aTrainingPassDependsOnlyOnItsStream() {
        Layer layer = initialized(2).layer();
        Tensor x = input(6, 3);
        try (GradMode off = GradMode.disable()) {
            assertThat(layer.forward(x, training(5)).toFloatArray()).as("the same stream, the same output")
                    .isEqualTo(layer.forward(x, training(5)).toFloatArray());
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesInBothPasses() {
        for (boolean train : new boolean[] {false, true}) {
            Layer layer = initialized(3).layer();
            float[] xs = input(4, 11).toFloatArray();
            Tensor x = Tensor.parameter(device, xs, Shape.of(4, inputs()));
            int k = layer.forward(x, pass(train)).shape().dim(1);
            Tensor r = weights(4, k);
            layer.forward(x, pass(train)).mul(r).sum().backward();
            check(layer, train, "the input", x, xs, x.grad().toFloatArray(), r);
            for (Parameter p : layer.parameters()) {
                float[] values = p.value().toFloatArray();
                check(layer, train, p.name(), Tensor.of(device, xs, Shape.of(4, inputs())), values,
                        p.grad().toFloatArray(), r, p);
            }
        }
    }

    /**
     * What a model file keeps of a layer is its options and its parameters by name: a new instance
     * (initialised from another seed) given the saved parameters must compute what the saved one did.
     * A layer holding state outside its parameters (a scale drawn at initialisation) would predict
     * differently once loaded.
     */
    @Test
    void aLayerRestoredFromItsSavedParametersComputesWhatTheSavedOneDid() {
        Layer saved = initialized(4).layer();
        Layer restored = initialized(40).layer();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Parameter p : saved.parameters()) {
            assertThat(values.put(p.name(), p.value().toFloatArray())).as("parameter names are unique: %s", p.name())
                    .isNull();
        }
        for (Parameter p : restored.parameters()) {
            assertThat(values).as("the restored layer's parameter %s is one the saved layer has", p.name())
                    .containsKey(p.name());
            p.value().assign(values.get(p.name()));
        }
        Tensor x = input(5, 6);
        try (GradMode off = GradMode.disable()) {
            assertThat(restored.forward(x, Pass.EVALUATION).toFloatArray()).as("the restored layer's evaluation pass")
                    .isEqualTo(saved.forward(x, Pass.EVALUATION).toFloatArray());
        }
    }

    @Test
    void instancesShareNoState() {
        Layer a = initialized(1).layer();
        Layer b = initialized(1).layer();
        Tensor x = input(3, 4);
        float[] before;
        try (GradMode off = GradMode.disable()) {
            before = b.forward(x, Pass.EVALUATION).toFloatArray();
            for (Parameter p : a.parameters()) {
                p.value().fillInPlace(0.5);
            }
            a.forward(input(7, 8), training(9));
            assertThat(b.forward(x, Pass.EVALUATION).toFloatArray()).as("another instance's parameters and passes"
                    + " do not change this one").isEqualTo(before);
        }
    }

    private Pass pass(boolean train) {
        return train ? training(21) : Pass.EVALUATION;
    }

    private Tensor weights(int rows, int k) {
        float[] w = new float[rows * k];
        float[] pattern = {0.7f, -1.3f, 0.4f, 1.1f, -0.6f};
        for (int i = 0; i < w.length; i++) {
            w[i] = pattern[i % pattern.length] * (1 + i / pattern.length);
        }
        return Tensor.of(device, w, Shape.of(rows, k));
    }

    /** Central differences of sum(r · layer(x)) in {@code what}, against {@code analytic}. */
    private void check(Layer layer, boolean train, String what, Tensor x, float[] values, float[] analytic, Tensor r) {
        double h = 1e-2;
        for (int e = 0; e < values.length; e++) {
            float[] plus = values.clone();
            float[] minus = values.clone();
            plus[e] += (float) h;
            minus[e] -= (float) h;
            double numeric = (weighted(layer, train, Tensor.of(device, plus, x.shape()), r)
                    - weighted(layer, train, Tensor.of(device, minus, x.shape()), r)) / ((double) plus[e] - minus[e]);
            assertThat((double) analytic[e]).as("%s pass: d/d %s[%d]", train ? "training" : "evaluation", what, e)
                    .isCloseTo(numeric, within(2e-3 + 2e-2 * Math.abs(numeric)));
        }
    }

    private void check(Layer layer, boolean train, String what, Tensor x, float[] values, float[] analytic, Tensor r,
                       Parameter p) {
        double h = 1e-2;
        for (int e = 0; e < values.length; e++) {
            float[] plus = values.clone();
            float[] minus = values.clone();
            plus[e] += (float) h;
            minus[e] -= (float) h;
            p.value().assign(plus);
            double up = weighted(layer, train, x, r);
            p.value().assign(minus);
            double down = weighted(layer, train, x, r);
            p.value().assign(values);
            double numeric = (up - down) / ((double) plus[e] - minus[e]);
            assertThat((double) analytic[e]).as("%s pass: d/d %s[%d]", train ? "training" : "evaluation", what, e)
                    .isCloseTo(numeric, within(2e-3 + 2e-2 * Math.abs(numeric)));
        }
    }

    private double weighted(Layer layer, boolean train, Tensor x, Tensor r) {
        try (GradMode off = GradMode.disable()) {
            float[] out = layer.forward(x, pass(train)).mul(r).toFloatArray();
            double sum = 0;
            for (float v : out) {
                sum += v;
            }
            return sum;
        }
    }
}
