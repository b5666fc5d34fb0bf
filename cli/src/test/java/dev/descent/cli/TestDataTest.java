package dev.descent.cli;

import static dev.descent.cli.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DataException;
import dev.descent.api.Dataset;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import dev.descent.run.Descent;
import dev.descent.run.ResumePlan;
import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import dev.descent.train.TrainingStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's test data ({@code test = NAME}): scored after every epoch, as the book's train_ch3 reports it. */
class TestDataTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(TestDataTest.class.getClassLoader());

    @TempDir
    Path dir;

    /** Rows of two features around three centres, labelled by name; {@code only} limits the classes written. */
    private Path classes(String name, long seed, int rows, String... only) throws IOException {
        List<String> names = only.length == 0 ? List.of("ant", "bee", "cat") : List.of(only);
        double[][] centres = {{0, 0}, {4, 0}, {0, 4}};
        List<String> all = List.of("ant", "bee", "cat");
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < rows; i++) {
            String kind = names.get(random.nextInt(names.size()));
            double[] centre = centres[all.indexOf(kind)];
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s%n", centre[0] + random.nextGaussian(),
                    centre[1] + random.nextGaussian(), kind));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    private RunConfig classifier(Path train, Path test) {
        return config("data=csv", "data.path=" + train, "data.target=kind", "model=softmax", "loss=cross-entropy",
                "optimizer.lr=0.1", "train.epochs=4", "train.batch-size=16", "test=csv", "test.path=" + test,
                "test.target=kind");
    }

    @Test
    void theTestDataIsScoredAfterEveryEpochAndChangesNothingOfTheTraining() {
        String[] book = {"train.epochs=3"};
        TrainingResult plain = Descent.train(config(book), REGISTRY, List.of(), List.of());
        List<EpochEnd> epochs = new ArrayList<>();
        TrainingListener lines = new TrainingListener() {
            @Override
            public void epochEnded(EpochEnd epoch) {
                epochs.add(epoch);
            }
        };
        TrainingResult tested = Descent.train(config(book).withOverride("test=synthetic-gaussian")
                .withOverride("test.examples=500"), REGISTRY, List.of(lines), List.of());
        assertThat(tested.epochLosses()).isEqualTo(plain.epochLosses());
        assertThat(tested.parameters().get("w")).isEqualTo(plain.parameters().get("w"));
        List<Double> testLosses = tested.epochMetrics().get(TrainingJob.TEST_LOSS);
        assertThat(testLosses).hasSize(3);
        assertThat(epochs).extracting(e -> e.metrics().get(TrainingJob.TEST_LOSS)).containsExactlyElementsOf(testLosses);
        // Fresh rows of the same line: the test loss falls with the training loss, to the noise floor σ²/2.
        assertThat(testLosses.get(2)).isLessThan(testLosses.get(0)).isBetween(2e-5, 1e-4);
        assertThat(tested.toModelFile(Instant.EPOCH).config()).containsEntry("test", "synthetic-gaussian")
                .containsEntry("test.examples", "500");
    }

    @Test
    void theTestAccuracyIsThatOfTheFinalModelOnTheTestRowsNumberedByClassName() throws IOException {
        Path train = classes("train.csv", 1, 300);
        Path test = classes("test.csv", 2, 120, "bee", "cat");   // sorted alone: bee = 0, cat = 1
        TrainingStart[] start = new TrainingStart[1];
        TrainingResult result = Descent.train(classifier(train, test), REGISTRY, List.of(new TrainingListener() {
            @Override
            public void trainingStarted(TrainingStart s) {
                start[0] = s;
            }
        }), List.of());
        Dataset rows = start[0].test().orElseThrow();
        assertThat(rows.classes()).containsExactly("ant", "bee", "cat");
        assertThat(rows.labelVector()).containsOnly(1f, 2f);
        List<String> lines = Files.readAllLines(test);
        try (Predictor predictor = Predictor.load(result.toModelFile(Instant.EPOCH), REGISTRY)) {
            float[] raw = new float[2 * (lines.size() - 1)];
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                raw[2 * (i - 1)] = Float.parseFloat(cells[0]);
                raw[2 * (i - 1) + 1] = Float.parseFloat(cells[1]);
            }
            int[] predicted = predictor.classify(raw, lines.size() - 1).classes();
            int right = 0;
            for (int i = 1; i < lines.size(); i++) {
                right += predictor.classes().get(predicted[i - 1]).equals(lines.get(i).split(",")[2]) ? 1 : 0;
            }
            List<Double> accuracy = result.epochMetrics().get(TrainingJob.TEST_ACCURACY);
            assertThat(accuracy).hasSize(4);
            assertThat(accuracy.get(3)).isEqualTo((double) right / (lines.size() - 1)).isGreaterThan(0.8);
        }
    }

    @Test
    void aTestClassTheTrainingDataLacksIsRefusedBeforeEpochOne() throws IOException {
        Path train = classes("train.csv", 1, 100, "ant", "bee");
        Path test = classes("test.csv", 2, 50);
        List<EpochEnd> epochs = new ArrayList<>();
        assertThatThrownBy(() -> Descent.train(classifier(train, test), REGISTRY, List.of(new TrainingListener() {
            @Override
            public void epochEnded(EpochEnd epoch) {
                epochs.add(epoch);
            }
        }), List.of())).isInstanceOf(DataException.class)
                .hasMessage("the test data (test = csv) has the class cat, which the training data does not (ant,"
                        + " bee); the model cannot predict it: drop those rows, or train on data that has them");
        assertThat(epochs).isEmpty();
    }

    @Test
    void resumingContinuesTheTestFiguresAsTheUninterruptedRun() throws IOException {
        Path train = classes("train.csv", 1, 200);
        Path test = classes("test.csv", 2, 80);
        TrainingResult whole = Descent.train(classifier(train, test), REGISTRY, List.of(), List.of());
        Path saved = dir.resolve("two.json");
        ModelFiles.write(Descent.train(classifier(train, test).withOverride("train.epochs=2"), REGISTRY, List.of(),
                List.of()).toModelFile(Instant.EPOCH), saved);
        TrainingResult resumed = Descent.resume(ResumePlan.of(saved, config("train.epochs=4")), REGISTRY, List.of());
        assertThat(resumed.epochLosses()).isEqualTo(whole.epochLosses());
        assertThat(resumed.epochMetrics()).isEqualTo(whole.epochMetrics());
        assertThat(resumed.epochMetrics()).containsKeys(TrainingJob.TEST_LOSS, TrainingJob.TEST_ACCURACY);
    }

    @Test
    void testDataThatDoesNotFitTheTrainingDataIsRefusedInOneLine() throws IOException {
        Path train = classes("train.csv", 1, 60);
        Path test = classes("test.csv", 2, 30);
        assertThatThrownBy(() -> Descent.train(classifier(train, test).withOverride("test.features=b"), REGISTRY,
                List.of(), List.of())).isInstanceOf(DataException.class).hasMessage("the test data (test = csv) gives"
                + " the features b, but the model trains on a, b; give the test data the same feature columns"
                + " (test.features for csv)");
        assertThatThrownBy(() -> Descent.train(classifier(train, test).withOverride("test.standardize=false"),
                REGISTRY, List.of(), List.of())).isInstanceOf(DataException.class).hasMessage("the test data (test ="
                + " csv) gives raw features, but the training features are standardised: set test.standardize = true");
        assertThatThrownBy(() -> Descent.train(config("test.examples=5"), REGISTRY, List.of(), List.of()))
                .isInstanceOf(ConfigException.class).hasMessage("test.examples (--set test.examples=5) configures the"
                        + " test data, but the config does not choose a test data source; add test = NAME (a data"
                        + " source, e.g. test = csv) or remove the key");
        assertThatThrownBy(() -> Descent.train(config("test=synthetic-gaussian", "test.exmaples=5"), REGISTRY,
                List.of(), List.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key test.exmaples (--set test.exmaples=5): the test data (data source"
                        + " 'synthetic-gaussian') has no option 'exmaples'; did you mean test.examples?");
    }
}
