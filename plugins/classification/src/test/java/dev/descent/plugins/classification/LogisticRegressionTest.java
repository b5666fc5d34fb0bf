package dev.descent.plugins.classification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class LogisticRegressionTest extends ModelContract {

    @Override
    protected Model createModel() {
        return new LogisticRegression();
    }

    @Override
    protected List<String> classes() {
        return List.of("no", "yes");
    }

    @Override
    protected int outputsPerRow() {
        return 1;
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

    @Test
    void refusesMoreThanTwoClassesNamingThemAndSoftmax() {
        assertThatThrownBy(() -> new LogisticRegression().initialize(new ModelContext(device, 2, 3,
                new SplittableRandom(1), List.of("a", "b", "c"))))
                .isInstanceOf(DescentException.class).hasMessageContaining("3 (a, b, c)")
                .hasMessageContaining("model = softmax");
    }
}
