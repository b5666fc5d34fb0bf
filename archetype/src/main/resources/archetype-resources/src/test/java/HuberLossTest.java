package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.Loss;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.LossContract;
import org.junit.jupiter.api.Test;

/** The test kit's loss contract, plus the values that make it Huber. */
class HuberLossTest extends LossContract {

    @Override
    protected Loss createLoss() {
        return new HuberLoss();
    }

    @Test
    void isQuadraticInsideDeltaAndLinearOutside() {
        Tensor yHat = Tensor.of(device, new float[] {0.5f, 3f, -2f}, Shape.of(3, 1));
        Tensor y = Tensor.of(device, new float[] {0f, 0f, 0f}, Shape.of(3, 1));
        float[] l = new HuberLoss().apply(yHat, y).toFloatArray();
        assertThat(l[0]).isCloseTo(0.125f, within(1e-6f));   // ½ · 0.5²
        assertThat(l[1]).isCloseTo(2.5f, within(1e-6f));     // 1 · (3 − ½)
        assertThat(l[2]).isCloseTo(1.5f, within(1e-6f));     // 1 · (2 − ½)
    }

    @Test
    void aPluginCompilesAgainstTheApiAloneWithoutGuiceOrJackson() {
        // This project's class path is what descent-api and the test kit bring: the engine's libraries stay out.
        for (String engineClass : new String[] {"com.google.inject.Guice", "com.fasterxml.jackson.databind.ObjectMapper",
                "dev.descent.run.Trainer"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Class.forName(engineClass))
                    .as(engineClass).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
