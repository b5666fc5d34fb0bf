package dev.descent.plugins.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.DescentException;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.testkit.ModelContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest extends ModelContract {

    @Override
    protected Model createModel() {
        return new SoftmaxRegression();
    }

    @Override
    protected List<String> classes() {
        return List.of("a", "b", "c");
    }

    @Override
    protected Map<String, Shape> expectedParameters(int features) {
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("W", Shape.of(features, 3));
        expected.put("b", Shape.of(3));
        return expected;
    }

    @Override
    protected Device createDevice() {
        return new CpuDevice();
    }

    @Test
    void initialisesAsTheBookDoesWeightsFromANormalOfStdOneHundredthAndZeroBias() {
        SoftmaxRegression model = new SoftmaxRegression();
        model.initialize(new ModelContext(device, 400, 10, new SplittableRandom(1), List.of("0", "1", "2", "3", "4",
                "5", "6", "7", "8", "9")));
        float[] w = model.parameters().get(0).value().toFloatArray();
        double sum = 0;
        double squares = 0;
        for (float v : w) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / w.length;
        assertThat(mean).isCloseTo(0, within(1e-3));
        assertThat(Math.sqrt(squares / w.length - mean * mean)).isCloseTo(0.01, within(5e-4));
        assertThat(model.parameters().get(1).value().toFloatArray()).containsOnly(0f);
        assertThat(model.parameters().get(1).regularized()).as("b is not weight-decayed").isFalse();
    }

    @Test
    void refusesARegressionTargetSayingWhatToUse() {
        assertThatThrownBy(() -> new SoftmaxRegression().initialize(new ModelContext(device, 2, 1, new SplittableRandom(1))))
                .isInstanceOf(DescentException.class).hasMessageContaining("numeric target")
                .hasMessageContaining("linreg");
    }
}
