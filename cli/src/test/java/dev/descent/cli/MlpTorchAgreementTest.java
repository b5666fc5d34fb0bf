package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final PluginRegistry REGISTRY = PluginRegistry.discover(MlpTorchAgreementTest.class.getClassLoader());

    static Stream<Arguments> configurations() throws IOException {
        JsonNode recorded = new ObjectMapper().readTree(ROOT.resolve("bench/peers/mlp.json").toFile());
        RunConfig common = RunConfig.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.get("common").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getKey().equals("data.path") ? ROOT.resolve(e.getValue().asText()).toString()
                    : e.getValue().asText();
            common = common.with(e.getKey(), value, "mlp.json");
        }
        List<Arguments> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.get("configs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            RunConfig config = common;
            for (Iterator<Map.Entry<String, JsonNode>> keys = c.getValue().get("keys").fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> k = keys.next();
                config = config.with(k.getKey(), k.getValue().asText(), c.getKey());
            }
            List<Double> losses = new ArrayList<>();
            c.getValue().get("losses").forEach(l -> losses.add(l.asDouble()));
            cases.add(Arguments.of(c.getKey(), config, losses, recorded.get("initial")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void perEpochLossesMatchTorchWithinOneInTenThousandFromTheSameStart(String name, RunConfig config,
                                                                        List<Double> torch, JsonNode initial) {
        Run run = RunResolver.resolve(config, REGISTRY);
        TrainingResult result = Descent.train(run.with(ComponentKind.MODEL, new StartingAt(run.model(), initial)),
                List.of(), List.of());

        assertThat(result.epochLosses()).hasSameSizeAs(torch).hasSizeGreaterThanOrEqualTo(20);
        for (int epoch = 0; epoch < torch.size(); epoch++) {
            double mine = result.epochLosses().get(epoch);
            double theirs = torch.get(epoch);
            assertThat(Math.abs(mine - theirs) / Math.abs(theirs))
                    .as("%s, epoch %d: Descent %s, torch %s", name, epoch + 1, mine, theirs).isLessThanOrEqualTo(1e-4);
        }
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
