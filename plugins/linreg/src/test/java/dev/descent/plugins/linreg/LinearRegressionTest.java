package dev.descent.plugins.linreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Device;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.ModelContract;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearRegressionTest extends ModelContract {

    @Override
    protected Model createModel() {
        return new LinearRegression();
    }

    @Override
    protected Map<String, Shape> expectedParameters(int features) {
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("w", Shape.of(features, 1));
        expected.put("b", Shape.of(1));
        return expected;
    }

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }

    private LinearRegression initialized(int features, long seed) {
        LinearRegression model = new LinearRegression();
        model.initialize(new ModelContext(device, features, 1, new SplittableRandom(seed)));
        return model;
    }

    @Test
    void createsWeightsAndBiasShapedLikeTheBook() {
        LinearRegression model = initialized(2, 1);
        assertThat(model.parameters()).extracting(Parameter::name).containsExactly("w", "b");
        assertThat(model.parameters().get(0).value().shape()).isEqualTo(Shape.of(2, 1));
        assertThat(model.parameters().get(1).value().shape()).isEqualTo(Shape.of(1));
        assertThat(model.parameters().get(1).value().toFloatArray()).containsExactly(0f);
    }

    @Test
    void initialWeightsHaveTheConfiguredSpread() {
        float[] w = initialized(20_000, 3).parameters().get(0).value().toFloatArray();
        double sum = 0;
        double squares = 0;
        for (float v : w) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / w.length;
        assertThat(mean).isCloseTo(0, within(0.0005));
        assertThat(Math.sqrt(squares / w.length - mean * mean)).isCloseTo(0.01, within(0.0005));
    }

    @Test
    void theSameSeedGivesTheSameInitialWeights() {
        assertThat(initialized(5, 9).parameters().get(0).value().toFloatArray())
                .containsExactly(initialized(5, 9).parameters().get(0).value().toFloatArray());
        assertThat(initialized(5, 9).parameters().get(0).value().toFloatArray())
                .isNotEqualTo(initialized(5, 10).parameters().get(0).value().toFloatArray());
    }

    @Test
    void forwardComputesXwPlusB() {
        LinearRegression model = initialized(2, 1);
        model.parameters().get(0).value().assign(new float[] {2f, -3.4f});
        model.parameters().get(1).value().assign(new float[] {4.2f});
        Tensor x = Tensor.of(device, new float[] {1f, 1f, 0f, 2f, -1f, 0.5f}, Shape.of(3, 2));
        Tensor yHat = model.forward(x);
        assertThat(yHat.shape()).isEqualTo(Shape.of(3, 1));
        float[] y = yHat.toFloatArray();
        assertThat(y[0]).isCloseTo(2f - 3.4f + 4.2f, within(1e-5f));
        assertThat(y[1]).isCloseTo(-6.8f + 4.2f, within(1e-5f));
        assertThat(y[2]).isCloseTo(-2f - 1.7f + 4.2f, within(1e-5f));
    }

    @Test
    void gradientsAreTheBooksFormulas() {
        LinearRegression model = initialized(2, 1);
        float[] xs = {1f, 2f, 3f, -1f};
        Tensor x = Tensor.of(device, xs, Shape.of(2, 2));
        model.forward(x).sum().backward();
        // d(sum of Xw + b)/dw = column sums of X; d/db = number of rows
        assertThat(model.parameters().get(0).grad().toFloatArray()).containsExactly(4f, 1f);
        assertThat(model.parameters().get(1).grad().toFloatArray()).containsExactly(2f);
    }
}
