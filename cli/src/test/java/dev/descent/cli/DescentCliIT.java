package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code descent} command run as a process from the built jar. */
class DescentCliIT {

    private static final Pattern ERROR_LINE = Pattern.compile("([wb]) error: \\[(.*)]");

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    private static List<Double> epochLosses(DescentProcess.Result result) {
        return result.epochLosses();
    }

    @Test
    void trainRunsTheBooksExampleAndPrintsItsOutput() {
        DescentProcess.Result result = descent("train");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdoutLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 3)).allMatch(DescentProcess.Result::isEpochLine);
        assertThat(lines.get(0)).startsWith("epoch 1, loss ");
        List<Double> losses = epochLosses(result);
        assertThat(losses).hasSize(3);
        assertThat(losses.get(2)).isLessThan(1e-4);
        for (String line : lines.subList(3, 5)) {
            Matcher m = ERROR_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            for (String value : m.group(2).split(",")) {
                assertThat(Math.abs(Double.parseDouble(value.strip()))).as(line).isLessThan(5e-3);
            }
        }
        assertThat(lines.get(3)).startsWith("w error: [");
        assertThat(lines.get(4)).startsWith("b error: [");
        assertThat(result.stderr()).doesNotContain("Exception");
    }

    @Test
    void theSameSeedPrintsTheSameLinesAndSeed7OtherOnes() {
        DescentProcess.Result first = descent("train");
        DescentProcess.Result second = descent("train");
        DescentProcess.Result seven = descent("train", "--seed", "7");
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(seven.exitCode()).isZero();
        assertThat(seven.stdout()).isNotEqualTo(first.stdout());
        assertThat(epochLosses(seven)).hasSize(3);
    }

    @Test
    void overridesChangeTheLearningRateAndTheNumberOfEpochs() {
        DescentProcess.Result result = descent("train", "--set", "optimizer.lr=0.1", "--set", "train.epochs=5");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(epochLosses(result)).hasSize(5);
        // At lr 0.1 the first epoch already ends near the noise floor (the book's rate leaves ~0.04).
        assertThat(epochLosses(result).get(0)).isLessThan(1e-3);
    }

    @Test
    void aConfigFileChoosesTheRunAndOverridesWinOverIt() throws IOException {
        Files.writeString(dir.resolve("run.properties"), """
                # a shorter run than the book's
                data = synthetic-gaussian
                data.examples = 500
                optimizer.lr = 0.05
                train.epochs = 2
                """);
        DescentProcess.Result fromFile = descent("train", "-c", "run.properties");
        assertThat(fromFile.exitCode()).as(fromFile.stderr()).isZero();
        assertThat(epochLosses(fromFile)).hasSize(2);
        DescentProcess.Result overridden = descent("train", "-c", "run.properties", "--set", "train.epochs=4");
        assertThat(epochLosses(overridden)).hasSize(4);
    }

    @Test
    void pluginsListsEveryBundledComponentWithItsOptions() {
        DescentProcess.Result result = descent("plugins");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("linreg", "squared", "sgd", "synthetic-gaussian", "cpu")
                .contains("optimizer.lr = 0.03").contains("data.weights = 2.0, -3.4")
                .contains("descent.jar").contains("train.batch-size = 10");
        DescentProcess.Result optimizers = descent("plugins", "optimizer");
        assertThat(optimizers.stdout()).contains("sgd").doesNotContain("linreg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--set loss=sqaured                  | did you mean 'squared'?",
            "--set optimizer.learning-rate=0.1   | optimizer.lr",
            "--set optimizer.lr=abc              | 'abc'",
            "--set optimizer.lr=0                | optimizer.lr",
            "--set optimizer.lr=-0.5             | must be > 0",
            "--set train.batch-size=0            | train.batch-size",
            "--set train.epochs=0                | train.epochs",
            "--set data.examples=0               | data.examples",
            "-c no-such-file.properties          | no-such-file.properties does not exist",
            "--set nonsense=1                    | unknown key nonsense",
            "--seed abc                          | --seed",
            "--no-such-option                    | --no-such-option",
    })
    void userErrorsExitWith2AndOneClearLine(String args, String expected) {
        DescentProcess.Result result = descent(("train " + args).split(" "));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void verboseShowsTheStackTraceOfAnError() {
        DescentProcess.Result result = descent("train", "--verbose", "--set", "loss=sqaured");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("PluginException").contains("\tat ");
    }

    @Test
    void verboseSaysWhereTheStartUpWent() {
        DescentProcess.Result result = descent("train", "--verbose", "--set", "train.epochs=1");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).containsPattern("DEBUG start-up: JVM \\d\\.\\d{3} s, logging \\d\\.\\d{3} s,"
                + " command model \\d\\.\\d{3} s, parsing \\d\\.\\d{3} s, config \\d\\.\\d{3} s, plugins \\d\\.\\d{3} s,"
                + " components \\d\\.\\d{3} s, wiring and data \\d\\.\\d{3} s \\(\\d\\.\\d{3} s in all\\)\\n");
        assertThat(descent("train", "--set", "train.epochs=1").stderr()).doesNotContain("start-up");
    }

    @Test
    void aDivergingRunStopsWithoutPrintingNonFiniteLosses() {
        DescentProcess.Result result = descent("train", "--set", "optimizer.lr=1000");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(result.stderr()).contains("diverged").contains("smaller optimizer.lr").doesNotContain("\tat ");
    }

    @Test
    void noCommandIsAUserError() {
        DescentProcess.Result result = descent();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("descent train");
    }
}
