package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composed models on the book's Fashion-MNIST (Debian's dataset-fashion-mnist, which .ci/run
 * installs), through the real CLI: a subset, so the whole class takes seconds.
 */
class LayersIT {

    @TempDir
    Path dir;

    private static final String[] DROPOUT_NET = {"--set", "data=fashion-mnist", "--set", "data.examples=1500",
            "--set", "model=sequential", "--set", "model.layers=linear:64, relu, dropout:0.2, linear:32, gelu,"
            + " dropout:0.5, linear", "--set", "loss=cross-entropy", "--set", "optimizer.lr=0.3",
            "--set", "train.batch-size=128"};

    private DescentProcess.Result train(int epochs, String save, String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(DROPOUT_NET));
        args.addAll(List.of("--set", "train.epochs=" + epochs, "--save", save));
        args.addAll(List.of(extra));
        return DescentProcess.run(dir, args.toArray(String[]::new));
    }

    private static List<String> epochLines(DescentProcess.Result result) {
        return result.stdoutLines().stream().filter(l -> l.startsWith("epoch ")).toList();
    }

    @Test
    void aDropoutNetTrainsTheSameTwiceAndResumesExactlyWithItsDropoutStream() throws IOException {
        DescentProcess.Result whole = train(4, "whole.json");
        DescentProcess.Result again = train(4, "again.json");
        DescentProcess.Result first = train(2, "first.json");
        DescentProcess.Result resumed = DescentProcess.run(dir, "train", "--resume", "first.json", "--set",
                "train.epochs=4", "--save", "resumed.json");

        assertThat(whole.exitCode()).as(whole.stderr()).isZero();
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        List<String> lines = epochLines(whole);
        assertThat(lines).hasSize(4);
        assertThat(epochLines(again)).as("same seed, same masks, same lines").isEqualTo(lines);
        assertThat(epochLines(first)).isEqualTo(lines.subList(0, 2));
        assertThat(epochLines(resumed)).as("the resumed run draws the masks the whole run drew")
                .isEqualTo(lines.subList(2, 4));
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(dir.resolve("whole.json").toFile());
        JsonNode actual = json.readTree(dir.resolve("resumed.json").toFile());
        assertThat(actual.get("parameters")).isEqualTo(expected.get("parameters"));
        assertThat(expected.get("model").get("options").get("layers").asText())
                .startsWith("linear:units=64:init=torch").contains("dropout:rate=0.5");
    }

    @Test
    void aSavedMlpReportsTheTestSplitEachEpochAndIsEvaluatedAndPredictsByNamingTheDataSource() throws IOException {
        DescentProcess.Result run = DescentProcess.run(dir, "train", "--set", "data=fashion-mnist", "--set",
                "data.examples=2000", "--set", "model=mlp", "--set", "mlp.hidden=64", "--set", "loss=cross-entropy",
                "--set", "optimizer.lr=0.1", "--set", "train.epochs=3", "--set", "test=fashion-mnist", "--set",
                "test.split=test", "--set", "test.examples=1000", "--save", "mlp.json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String lastEpoch = run.stdoutLines().stream().filter(l -> l.startsWith("epoch 3,")).findFirst().orElseThrow();

        DescentProcess.Result evaluate = DescentProcess.run(dir, "evaluate", "--model", "mlp.json", "--set",
                "data=fashion-mnist", "--set", "data.split=test", "--set", "data.examples=1000");

        assertThat(evaluate.exitCode()).as(evaluate.stderr()).isZero();
        assertThat(evaluate.stdout()).contains("examples     1000").contains("Ankle boot");
        String accuracy = evaluate.stdoutLines().stream().filter(l -> l.startsWith("accuracy"))
                .map(l -> l.substring("accuracy".length()).strip()).findFirst().orElseThrow();
        assertThat(Double.parseDouble(accuracy)).as("better than chance (0.1) by far").isGreaterThan(0.6);
        // The epoch line's test figures are the saved model's on the same rows, as evaluate computes them.
        assertThat(lastEpoch).endsWith(", test accuracy " + accuracy);

        DescentProcess.Result predict = DescentProcess.run(dir, "predict", "--model", "mlp.json", "--set",
                "data=fashion-mnist", "--set", "data.split=test", "--set", "data.examples=1000", "--out", "p.csv");
        assertThat(predict.exitCode()).as(predict.stderr()).isZero();
        List<String> predicted = Files.readAllLines(dir.resolve("p.csv"));
        assertThat(predicted).hasSize(1001);
        assertThat(predicted.get(0)).startsWith("label_predicted,probability_T-shirt/top,");
        dev.descent.api.Dataset truth = fashionTest(1000);
        int right = 0;
        for (int i = 0; i < 1000; i++) {
            String name = predicted.get(i + 1).substring(0, predicted.get(i + 1).indexOf(','));
            right += name.equals(truth.classes().get((int) truth.labelVector()[i])) ? 1 : 0;
        }
        assertThat(String.format(java.util.Locale.ROOT, "%.4f", right / 1000.0)).isEqualTo(accuracy);
    }

    /** The first {@code examples} test images, as the fashion-mnist source reads them. */
    private static dev.descent.api.Dataset fashionTest(int examples) {
        dev.descent.plugin.PluginRegistry registry = dev.descent.plugin.PluginRegistry.discover(
                LayersIT.class.getClassLoader());
        java.util.Map<String, dev.descent.config.ConfigValue> options = new java.util.LinkedHashMap<>();
        options.put("split", new dev.descent.config.ConfigValue("data.split", "test", "the test"));
        options.put("examples", new dev.descent.config.ConfigValue("data.examples", Integer.toString(examples),
                "the test"));
        dev.descent.api.DataSource source = (dev.descent.api.DataSource) registry.create(registry.require(
                dev.descent.api.ComponentKind.DATA, "fashion-mnist", null), options);
        return source.load(new dev.descent.api.DataContext(new java.util.SplittableRandom(0)));
    }

    @Test
    void aMistypedLayerEndsTheRunBeforeEpochOneWithOneLine() {
        DescentProcess.Result run = DescentProcess.run(dir, "train", "--set", "data=fashion-mnist", "--set",
                "data.examples=10", "--set", "model=sequential", "--set", "model.layers=linear:8, rleu, linear",
                "--set", "loss=cross-entropy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).doesNotContain("epoch 1");
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains("unknown layer 'rleu'").contains("did you mean 'relu'?");
    }

    @Test
    void aFileThatIsNotIdxEndsTheRunWithOneLine() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fashion"));
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte")) {
            Files.writeString(folder.resolve(name), "a,b\n1,2\n");
        }

        DescentProcess.Result run = DescentProcess.run(dir, "train", "--set", "data=fashion-mnist", "--set",
                "data.path=" + folder, "--set", "model=softmax", "--set", "loss=cross-entropy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains("is not an IDX file: it begins with 0x61 0x2c 0x62 0x0a");
    }
}
