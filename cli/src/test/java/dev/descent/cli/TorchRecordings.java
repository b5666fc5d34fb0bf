package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.config.RunConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a script in bench/peers recorded from PyTorch (optimizers.json, softmax.json, mlp.json): the
 * keys every run shares, then per run its own keys and torch's loss (and accuracy) after each epoch.
 */
final class TorchRecordings {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private TorchRecordings() {
    }

    /** One recorded run: Descent's config for it, and torch's figures per epoch. */
    record Recorded(String name, RunConfig config, List<Double> losses, List<Double> accuracies) {
    }

    /** The whole file, for what some recordings keep besides the runs (mlp.json's initial parameters). */
    static JsonNode file(String file) throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve("bench/peers").resolve(file).toFile());
    }

    static List<Recorded> runs(String file) throws IOException {
        JsonNode recorded = file(file);
        RunConfig common = RunConfig.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.get("common").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getKey().equals("data.path") ? ROOT.resolve(e.getValue().asText()).toString()
                    : e.getValue().asText();
            common = common.with(e.getKey(), value, file);
        }
        List<Recorded> runs = new ArrayList<>();
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
            runs.add(new Recorded(c.getKey(), config, losses, accuracies));
        }
        return runs;
    }

    /** Every epoch's loss within one part in ten thousand of torch's. */
    static void assertLossesAgree(String name, List<Double> mine, List<Double> torch) {
        assertThat(mine).hasSameSizeAs(torch);
        for (int epoch = 0; epoch < torch.size(); epoch++) {
            double ours = mine.get(epoch);
            double theirs = torch.get(epoch);
            assertThat(Math.abs(ours - theirs) / Math.abs(theirs))
                    .as("%s, epoch %d: Descent %s, torch %s", name, epoch + 1, ours, theirs).isLessThanOrEqualTo(1e-4);
        }
    }
}
