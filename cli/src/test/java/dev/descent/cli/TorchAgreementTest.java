package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.train.TrainingResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(TorchAgreementTest.class.getClassLoader());

    static Stream<Arguments> configurations() throws IOException {
        List<TorchRecordings.Recorded> runs = new ArrayList<>(TorchRecordings.runs("optimizers.json"));
        runs.addAll(TorchRecordings.runs("softmax.json"));
        runs.addAll(TorchRecordings.runs("class_weights.json"));
        return runs.stream().map(r -> Arguments.of(r.name(), r.config(), r.losses(), r.accuracies()));
    }

    @Test
    void balancedClassWeightsAreSavedAsTheNumbersTheyCameTo() throws IOException {
        JsonNode recorded = TorchRecordings.file("class_weights.json");
        TorchRecordings.Recorded balanced = TorchRecordings.runs("class_weights.json").stream()
                .filter(r -> r.name().equals("class-weights-balanced")).findFirst().orElseThrow();
        TrainingResult result = Descent.train(balanced.config().with("train.epochs", "1", "test"), REGISTRY, List.of(),
                List.of());
        String saved = result.run().resolvedConfig().get("loss.class-weights");
        assertThat(saved).isEqualTo((float) recorded.get("balanced").get(0).asDouble() + ", "
                + (float) recorded.get("balanced").get(1).asDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void perEpochLossesMatchTorchOptimWithinOneInTenThousand(String name, RunConfig config, List<Double> torch,
                                                             List<Double> torchAccuracies) {
        TrainingResult result = Descent.train(config, REGISTRY, List.of(), List.of());
        assertThat(result.epochLosses()).hasSizeGreaterThanOrEqualTo(100);
        TorchRecordings.assertLossesAgree(name, result.epochLosses(), torch);
        List<Double> accuracies = result.epochMetrics().getOrDefault("accuracy", List.of());
        assertThat(accuracies).hasSameSizeAs(torchAccuracies);
        for (int epoch = 0; epoch < torchAccuracies.size(); epoch++) {
            // The same logits up to float rounding: a row may tip to the other class only at a near tie.
            assertThat(accuracies.get(epoch)).as("%s, epoch %d: accuracy", name, epoch + 1)
                    .isCloseTo(torchAccuracies.get(epoch), org.assertj.core.data.Offset.offset(1.0 / 150 + 1e-6));
        }
    }
}
