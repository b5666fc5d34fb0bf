package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.api.ComponentKind;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.run.RunResolver;
import dev.descent.tensor.Tensor;
import dev.descent.train.Run;
import dev.descent.train.TrainingResult;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Descent's composed MLPs (4-8-3 with ReLU, tanh or GELU) against PyTorch: from the same initial
 * parameters (drawn and recorded by bench/peers/mlp.py), one full-batch SGD step per epoch on iris,
 * the per-epoch loss within one in ten thousand of torch's for all 40 epochs.
 */
class MlpTorchAgreementTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(MlpTorchAgreementTest.class.getClassLoader());

    static Stream<Arguments> configurations() throws IOException {
        JsonNode initial = TorchRecordings.file("mlp.json").get("initial");
        return TorchRecordings.runs("mlp.json").stream()
                .map(r -> Arguments.of(r.name(), r.config(), r.losses(), initial));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void perEpochLossesMatchTorchWithinOneInTenThousandFromTheSameStart(String name, RunConfig config,
                                                                        List<Double> torch, JsonNode initial) {
        Run run = RunResolver.resolve(config, REGISTRY);
        TrainingResult result = Descent.train(run.with(ComponentKind.MODEL, new StartingAt(run.model(), initial)),
                List.of(), List.of());

        assertThat(result.epochLosses()).hasSizeGreaterThanOrEqualTo(20);
        TorchRecordings.assertLossesAgree(name, result.epochLosses(), torch);
    }

    /** The model, its parameters set to the recorded values once it has created them. */
    private static final class StartingAt implements Model {
        private final Model model;
        private final JsonNode initial;

        StartingAt(Model model, JsonNode initial) {
            this.model = model;
            this.initial = initial;
        }

        @Override
        public void initialize(ModelContext context) {
            model.initialize(context);
            for (Parameter p : model.parameters()) {
                JsonNode values = initial.get(p.name()).get("values");
                float[] v = new float[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) values.get(i).asDouble();
                }
                p.value().assign(v);
            }
        }

        @Override
        public Tensor forward(Tensor features) {
            return model.forward(features);
        }

        @Override
        public Tensor forward(Tensor features, Pass pass) {
            return model.forward(features, pass);
        }

        @Override
        public List<Parameter> parameters() {
            return model.parameters();
        }
    }
}
