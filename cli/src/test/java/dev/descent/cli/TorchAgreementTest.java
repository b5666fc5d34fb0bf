package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
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
 * Every optimizer, schedule, penalty and clipping against PyTorch: the per-epoch losses of a fixed
 * full-batch problem on iris, recorded by bench/peers/optimizers.py with torch.optim, match within
 * 1e-4 relative over every epoch. Softmax regression the same way (bench/peers/softmax.py:
 * torch.nn.functional.cross_entropy, with and without label smoothing), its accuracy within one
 * example of torch's.
 */
class TorchAgreementTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final PluginRegistry REGISTRY = PluginRegistry.discover(TorchAgreementTest.class.getClassLoader());

    static Stream<Arguments> configurations() throws IOException {
        return Stream.concat(configurations("optimizers.json"), configurations("softmax.json"));
    }

    private static Stream<Arguments> configurations(String file) throws IOException {
        JsonNode recorded = new ObjectMapper().readTree(ROOT.resolve("bench/peers").resolve(file).toFile());
        RunConfig common = RunConfig.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.get("common").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getKey().equals("data.path") ? ROOT.resolve(e.getValue().asText()).toString()
                    : e.getValue().asText();
            common = common.with(e.getKey(), value, file);
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
            List<Double> accuracies = new ArrayList<>();
            c.getValue().path("accuracies").forEach(a -> accuracies.add(a.asDouble()));
            cases.add(Arguments.of(c.getKey(), config, losses, accuracies));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void perEpochLossesMatchTorchOptimWithinOneInTenThousand(String name, RunConfig config, List<Double> torch,
                                                             List<Double> torchAccuracies) {
        TrainingResult result = Descent.train(config, REGISTRY, List.of(), List.of());
        assertThat(result.epochLosses()).hasSameSizeAs(torch).hasSizeGreaterThanOrEqualTo(100);
        for (int epoch = 0; epoch < torch.size(); epoch++) {
            double mine = result.epochLosses().get(epoch);
            double theirs = torch.get(epoch);
            assertThat(Math.abs(mine - theirs) / Math.abs(theirs))
                    .as("%s, epoch %d: Descent %s, torch %s", name, epoch + 1, mine, theirs).isLessThanOrEqualTo(1e-4);
        }
        List<Double> accuracies = result.epochMetrics().getOrDefault("accuracy", List.of());
        assertThat(accuracies).hasSameSizeAs(torchAccuracies);
        for (int epoch = 0; epoch < torchAccuracies.size(); epoch++) {
            // The same logits up to float rounding: a row may tip to the other class only at a near tie.
            assertThat(accuracies.get(epoch)).as("%s, epoch %d: accuracy", name, epoch + 1)
                    .isCloseTo(torchAccuracies.get(epoch), org.assertj.core.data.Offset.offset(1.0 / 150 + 1e-6));
        }
    }
}
