package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book's chapter 4 through the real CLI: softmax and logistic regression, evaluate, predict, plot. */
class ClassificationIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** {@code epoch 3, loss 0.482113, accuracy 0.8620} and, with a split, the validation figures. */
    private static final Pattern LINE = Pattern.compile("epoch (\\d+), loss (\\d+\\.\\d{6}), accuracy (\\d\\.\\d{4})"
            + "(?:, validation loss (\\d+\\.\\d{6}), validation accuracy (\\d\\.\\d{4}))?");

    @TempDir
    Path dir;

    @BeforeEach
    void copyIris() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.copy(ROOT.resolve("data/iris.csv"), dir.resolve("data/iris.csv"));
        Files.createDirectories(dir.resolve("examples/configs"));
        Files.copy(ROOT.resolve("examples/configs/iris-softmax.properties"),
                dir.resolve("examples/configs/iris-softmax.properties"));
    }

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    private static List<Matcher> epochLines(DescentProcess.Result result) {
        List<Matcher> lines = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                lines.add(m);
            }
        }
        return lines;
    }

    @Test
    void theDocumentedFirstRunPrintsLossAndAccuracyAndReachesAHeldOutAccuracyAbove95Percent() {
        DescentProcess.Result run = descent("train", "--set", "data=synthetic-classes", "--set", "model=softmax",
                "--set", "loss=cross-entropy");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Matcher> lines = epochLines(run);
        assertThat(lines).as(run.stdout()).hasSize(3);
        Matcher last = lines.get(2);
        assertThat(last.group(4)).as("the validation figures of the held-out 20%").isNotNull();
        assertThat(Double.parseDouble(last.group(5))).as("held-out accuracy").isGreaterThan(0.95);
        assertThat(Double.parseDouble(last.group(3))).as("training accuracy").isGreaterThan(0.95);
    }

    @Test
    void softmaxOnIrisFitsEvaluatesWithAConfusionMatrixAndPredictsProbabilitiesThatSumToOne() throws IOException {
        DescentProcess.Result train = descent("train", "-c", "examples/configs/iris-softmax.properties", "--save",
                "iris.json", "--plot", "plots");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        List<Matcher> lines = epochLines(train);
        assertThat(lines).hasSize(100);
        assertThat(Double.parseDouble(lines.get(99).group(3))).as("training accuracy after 100 epochs")
                .isGreaterThanOrEqualTo(0.96);
        assertThat(dir.resolve("plots/loss.png")).isRegularFile();
        assertThat(dir.resolve("plots/confusion-matrix.png")).isRegularFile();
        assertThat(dir.resolve("plots/decision-regions.png")).as("only for two features").doesNotExist();

        ModelFile model = ModelFiles.read(dir.resolve("iris.json"));
        assertThat(model.formatVersion()).isEqualTo(3);
        assertThat(model.task()).isEqualTo("classification");
        assertThat(model.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(model.outputs()).isEqualTo(3);
        assertThat(model.provenance().epochMetrics().get("accuracy")).hasSize(100);

        DescentProcess.Result evaluate = descent("evaluate", "--model", "iris.json", "--data", "data/iris.csv");
        assertThat(evaluate.exitCode()).as(evaluate.stderr()).isZero();
        assertThat(evaluate.stdout()).contains("accuracy     0.97").contains("macro F1").contains("log-loss")
                .contains("confusion matrix").containsPattern("true \\\\ predicted\\s+setosa\\s+versicolor\\s+virginica")
                .containsPattern("(?m)^setosa\\s+50\\s+0\\s+0$")
                .as("per class: precision, recall, F1, support")
                .containsPattern("(?m)^versicolor\\s+0\\.\\d{4}\\s+0\\.\\d{4}\\s+0\\.\\d{4}\\s+50$");
        assertThat(evaluate.stdout()).as("the loss as training reported it").contains(lines.get(99).group(2));

        DescentProcess.Result predict = descent("predict", "--model", "iris.json", "--data", "data/iris.csv", "--out",
                "predictions.csv");
        assertThat(predict.exitCode()).as(predict.stderr()).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("predictions.csv"));
        assertThat(rows.get(0)).isEqualTo(
                "species_predicted,probability_setosa,probability_versicolor,probability_virginica");
        assertThat(rows).hasSize(151);
        List<String> classes = model.classes();
        int right = 0;
        List<String> truth = Files.readAllLines(dir.resolve("data/iris.csv"));
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            double sum = 0;
            int best = 0;
            for (int c = 0; c < 3; c++) {
                double p = Double.parseDouble(cells[1 + c]);
                assertThat(p).isBetween(0.0, 1.0);
                sum += p;
                if (p > Double.parseDouble(cells[1 + best])) {
                    best = c;
                }
            }
            assertThat(sum).as("row %d's probabilities", i).isCloseTo(1.0, within(1e-6));
            assertThat(cells[0]).as("row %d: the predicted class is the most probable", i).isEqualTo(classes.get(best));
            right += truth.get(i).endsWith("," + cells[0]) ? 1 : 0;
        }
        assertThat(right / 150.0).as("accuracy of the written predictions").isGreaterThanOrEqualTo(0.96);
    }

    @Test
    void aClassTheModelNeverSawIsOneLineNamingTheLabelAndTheLine() throws IOException {
        assertThat(descent("train", "-c", "examples/configs/iris-softmax.properties", "--set", "train.epochs=2",
                "--save", "iris.json").exitCode()).isZero();
        Files.writeString(dir.resolve("new.csv"), "sepal_length,sepal_width,petal_length,petal_width,species\n"
                + "5.1,3.5,1.4,0.2,setosa\n6.0,3.0,4.5,1.5,Iris-unknown\n");
        for (String command : new String[] {"evaluate", "predict"}) {
            DescentProcess.Result result = descent(command, "--model", "iris.json", "--data", "new.csv");
            assertThat(result.exitCode()).as(command).isEqualTo(2);
            assertThat(result.stderrLines()).as(command).hasSize(1);
            assertThat(result.stderr()).contains("new.csv:3").contains("'Iris-unknown'")
                    .contains("setosa, versicolor, virginica");
        }
    }

    @Test
    void logisticRegressionSeparatesTwoClassesAndPredictsTwoProbabilities() throws IOException {
        // Versicolor against virginica: the two iris species that overlap.
        List<String> iris = Files.readAllLines(dir.resolve("data/iris.csv"));
        StringBuilder two = new StringBuilder(iris.get(0)).append('\n');
        iris.stream().skip(1).filter(r -> !r.endsWith("setosa")).forEach(r -> two.append(r).append('\n'));
        Files.writeString(dir.resolve("two.csv"), two);
        DescentProcess.Result train = descent("train", "--set", "data=csv", "--set", "data.path=two.csv", "--set",
                "model=logistic", "--set", "loss=binary-cross-entropy", "--set", "optimizer.lr=0.1", "--set",
                "train.epochs=100", "--save", "two.json", "-q");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(Double.parseDouble(epochLines(train).get(0).group(3))).isGreaterThan(0.94);
        assertThat(ModelFiles.read(dir.resolve("two.json")).outputs()).isEqualTo(2);
        DescentProcess.Result predict = descent("predict", "--model", "two.json", "--data", "two.csv");
        assertThat(predict.stdoutLines().get(0)).isEqualTo(
                "species_predicted,probability_versicolor,probability_virginica");
        String[] first = predict.stdoutLines().get(1).split(",");
        assertThat(Double.parseDouble(first[1]) + Double.parseDouble(first[2])).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void twoFeaturesDrawTheDecisionRegions() {
        DescentProcess.Result run = descent("train", "--set", "data=synthetic-classes", "--set", "model=softmax",
                "--set", "loss=cross-entropy", "--plot", "plots", "-q");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(dir.resolve("plots/decision-regions.png")).isRegularFile();
        assertThat(dir.resolve("plots/confusion-matrix.png")).isRegularFile();
        assertThat(dir.resolve("plots/loss.png")).isRegularFile();
    }

    @Test
    void earlyStoppingCanWatchTheValidationAccuracy() {
        DescentProcess.Result run = descent("train", "--set", "data=synthetic-classes", "--set", "model=softmax",
                "--set", "loss=cross-entropy", "--set", "train.epochs=50", "--set", "callbacks=early-stopping",
                "--set", "early-stopping.monitor=validation-accuracy", "--set", "early-stopping.patience=2");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(epochLines(run).size()).as("stopped well before epoch 50").isLessThan(50);
        assertThat(run.stderr()).contains("validation accuracy has not improved");
    }

    @Test
    void aLossOrModelForTheOtherTaskIsRefusedBeforeTraining() {
        DescentProcess.Result crossEntropyOnNumbers = descent("train", "--set", "loss=cross-entropy");
        assertThat(crossEntropyOnNumbers.exitCode()).isEqualTo(2);
        assertThat(crossEntropyOnNumbers.stdout()).doesNotContain("epoch 1");
        assertThat(crossEntropyOnNumbers.stderr()).contains("'cross-entropy' compares predictions with class labels")
                .contains("loss = squared");

        DescentProcess.Result squaredOnClasses = descent("train", "--set", "data=synthetic-classes");
        assertThat(squaredOnClasses.exitCode()).isEqualTo(2);
        assertThat(squaredOnClasses.stderr()).contains("has classes (0, 1, 2)").contains("loss = cross-entropy");

        DescentProcess.Result logisticOnThree = descent("train", "--set", "data=synthetic-classes", "--set",
                "model=logistic", "--set", "loss=binary-cross-entropy");
        assertThat(logisticOnThree.exitCode()).isEqualTo(2);
        assertThat(logisticOnThree.stderrLines()).hasSize(1);
        assertThat(logisticOnThree.stderr()).contains("model = softmax");
    }

    @Test
    void severalTargetsTrainOneLinearModelPredictingEachAndEvaluatedPerTarget() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y1,y2\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", a, b,
                    2 * a - b + 1 + 0.01 * random.nextGaussian(), -a + 3 * b + 0.01 * random.nextGaussian()));
        }
        Files.writeString(dir.resolve("multi.csv"), csv);
        DescentProcess.Result train = descent("train", "--set", "data=csv", "--set", "data.path=multi.csv", "--set",
                "data.target=y1, y2", "--set", "train.epochs=10", "--save", "multi.json", "-q");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(train.epochLosses().get(0)).as("Σ over both targets of (ŷ − y)²/2, near the noise").isLessThan(1e-3);
        ModelFile model = ModelFiles.read(dir.resolve("multi.json"));
        assertThat(model.outputs()).isEqualTo(2);
        assertThat(model.task()).isEqualTo("regression");
        DescentProcess.Result predict = descent("predict", "--model", "multi.json", "--data", "multi.csv");
        assertThat(predict.stdoutLines().get(0)).isEqualTo("y1_predicted,y2_predicted");
        DescentProcess.Result evaluate = descent("evaluate", "--model", "multi.json", "--data", "multi.csv");
        assertThat(evaluate.stdout()).contains("examples  300").containsPattern("(?m)^y1\\s+0\\.0\\d+")
                .containsPattern("(?m)^y2\\s+0\\.0\\d+");
    }
}
