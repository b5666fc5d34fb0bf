package dev.descent.plugins.layers;

import dev.descent.api.Layer;
import dev.descent.tensor.Shape;
import dev.descent.testkit.LayerContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Every bundled layer keeps the layer contract of the test kit. */
class BundledLayersTest {

    @Nested
    class LinearLayer extends LayerContract {
        @Override
        protected Layer createLayer() {
            return new Linear(4, Initializer.HE_NORMAL, 0.01);
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of("0.W", Shape.of(inputs, 4), "0.b", Shape.of(4));
        }
    }

    @Nested
    class BareLinearLayer extends LayerContract {
        @Override
        protected Layer createLayer() {
            return new Linear();
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of("0.W", Shape.of(inputs, modelOutputs()), "0.b", Shape.of(modelOutputs()));
        }
    }

    abstract static class ParameterFree extends LayerContract {
        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of();
        }
    }

    @Nested
    class ReluLayer extends ParameterFree {
        @Override
        protected Layer createLayer() {
            return new Relu();
        }
    }

    @Nested
    class TanhLayer extends ParameterFree {
        @Override
        protected Layer createLayer() {
            return new Tanh();
        }
    }

    @Nested
    class SigmoidLayer extends ParameterFree {
        @Override
        protected Layer createLayer() {
            return new Sigmoid();
        }
    }

    @Nested
    class GeluLayer extends ParameterFree {
        @Override
        protected Layer createLayer() {
            return new Gelu();
        }
    }

    @Nested
    class DropoutLayer extends ParameterFree {
        @Override
        protected Layer createLayer() {
            return new Dropout(0.4);
        }
    }

    @Nested
    class FlattenLayer extends ParameterFree {
        @Override
        protected Layer createLayer() {
            return new Flatten();
        }
    }
}
