package dev.descent.cli;

import static dev.descent.cli.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.api.Dataset;
import dev.descent.api.Encoding;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Standardization;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.experiment.CrossValidation;
import dev.descent.experiment.Scores;
import dev.descent.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent cross-validate}'s folds and figures against scikit-learn's (bench/peers/cross_validation.py,
 * recorded in cross_validation.json), and the absence of leakage from a fold's held-out rows.
 */
class CrossValidationTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(CrossValidationTest.class.getClassLoader());
    private static final Path DATA = TorchRecordings.ROOT.resolve("data");

    @TempDir
    Path dir;

    private static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(TorchRecordings.ROOT.resolve("bench/peers/cross_validation.json").toFile());
    }

    private static RunConfig houses(Path file, String... more) {
        List<String> lines = new ArrayList<>(List.of("data=csv", "data.path=" + file, "data.target=price",
                "data.validation-fraction=0.2", "train.batch-size=500", "optimizer.lr=0.5", "train.epochs=200"));
        lines.addAll(List.of(more));
        return config(lines.toArray(String[]::new));
    }

    private static CrossValidation prepare(RunConfig config, int folds, boolean shuffle) {
        return CrossValidation.prepare(config, REGISTRY, folds, shuffle, LoadingProgress.NONE);
    }

    @Test
    void foldsHoldAsManyExamplesOfEachClassAsScikitLearnsKFoldAndStratifiedKFold() throws IOException {
        Pattern name = Pattern.compile("(\\S+) (Stratified)?KFold\\((\\d+)\\)");
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = reference().get("sizes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Matcher m = name.matcher(entry.getKey());
            assertThat(m.matches()).as(entry.getKey()).isTrue();
            int k = Integer.parseInt(m.group(3));
            RunConfig config = switch (m.group(1)) {
                case "houses.csv" -> config("data=csv", "data.path=" + DATA.resolve("houses.csv"));
                case "iris.csv" -> config("data=csv", "data.path=" + DATA.resolve("iris.csv"), "model=softmax",
                        "loss=cross-entropy");
                case "churn.csv" -> config("data=csv", "data.path=" + DATA.resolve("churn.csv"), "model=logistic",
                        "loss=binary-cross-entropy");
                default -> throw new AssertionError(entry.getKey());
            };
            for (boolean shuffle : new boolean[] {true, false}) {
                CrossValidation cv = prepare(config.with("seed", "7", "test"), k, shuffle);
                assertThat(cv.isClassification()).isEqualTo(m.group(2) != null);
                for (int f = 0; f < k; f++) {
                    JsonNode expected = entry.getValue().get(f);
                    Dataset held = cv.dataset(f).validation();
                    assertThat(held.examples()).as("%s fold %d", entry.getKey(), f + 1)
                            .isEqualTo(expected.get("size").asInt());
                    if (cv.isClassification()) {
                        int[] counts = new int[held.classes().size()];
                        for (float label : held.labelVector()) {
                            counts[(int) label]++;
                        }
                        for (int c = 0; c < counts.length; c++) {
                            assertThat(counts[c]).as("%s fold %d class %d", entry.getKey(), f + 1, c)
                                    .isEqualTo(expected.get("classes").get(c).asInt());
                        }
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(30);
    }

    @Test
    void aConvergedLinearFitHasScikitLearnsPerFoldErrorsWithinOnePercent() throws IOException {
        CrossValidation cv = prepare(houses(DATA.resolve("houses.csv")), 5, false);
        assertThat(cv.figures()).containsExactly("loss", "RMSE", "MAE", "R²", "log-RMSE");
        JsonNode folds = reference().get("houses-linear");
        for (int f = 0; f < 5; f++) {
            CrossValidation.Fold fold = cv.train(f, List.of(), List.of());
            for (String part : List.of("train", "validation")) {
                Map<String, Double> figures = part.equals("train") ? fold.training() : fold.validation();
                JsonNode expected = folds.get(f).get(part);
                for (String figure : List.of("RMSE", "MAE", "log-RMSE")) {
                    double sklearn = expected.get(figure).asDouble();
                    assertThat(figures.get(figure)).as("fold %d %s %s", f + 1, part, figure)
                            .isCloseTo(sklearn, within(0.01 * sklearn));
                }
                assertThat(figures.get("R²")).isCloseTo(expected.get("R2").asDouble(), within(1e-4));
                // the reported loss is the squared loss (ŷ − y)²/2: half the MSE
                assertThat(figures.get("loss")).isCloseTo(expected.get("MSE").asDouble() / 2,
                        within(0.01 * expected.get("MSE").asDouble()));
            }
        }
    }

    @Test
    void eachFoldIsStandardisedWithItsTrainingRowsStatisticsAlone() {
        CrossValidation cv = prepare(houses(DATA.resolve("houses.csv")), 5, true);
        assertThat(cv.standardizes()).isTrue();
        for (int f = 0; f < 5; f++) {
            Dataset fold = cv.dataset(f);
            Standardization s = fold.standardization();
            float[] x = fold.featureMatrix();   // scaled by s: its columns have mean 0 and standard deviation 1
            int d = fold.features();
            for (int j = 0; j < d; j++) {
                double mean = 0;
                double squares = 0;
                for (int i = 0; i < fold.examples(); i++) {
                    mean += x[i * d + j];
                }
                mean /= fold.examples();
                for (int i = 0; i < fold.examples(); i++) {
                    squares += (x[i * d + j] - mean) * (x[i * d + j] - mean);
                }
                assertThat(mean).isCloseTo(0, within(1e-5));
                assertThat(Math.sqrt(squares / fold.examples())).isCloseTo(1, within(1e-5));
            }
            assertThat(fold.validation().standardization()).isEqualTo(s);
        }
        assertThat(cv.dataset(0).standardization()).isNotEqualTo(cv.dataset(1).standardization());
    }

    @Test
    void eachFoldFillsMissingCellsAndFindsCategoriesInItsOwnTrainingRows() throws IOException {
        Path penguins = DATA.resolve("penguins.csv");
        CrossValidation cv = prepare(config("data=csv", "data.path=" + penguins, "data.target=body_mass_g",
                "data.missing=median", "data.missing-per-column=sex:most-frequent", "train.epochs=2"), 5, true);
        // the rows cross-validation keeps: those with a body mass, in file order
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(penguins).subList(1, 345)) {
            String[] cells = line.split(",", -1);
            if (!cells[5].equals("NA")) {
                rows.add(cells);
            }
        }
        assertThat(cv.examples()).isEqualTo(rows.size()).isEqualTo(342);
        List<Double> medians = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            Dataset fold = cv.dataset(f);
            List<Double> bills = new ArrayList<>();
            for (int i : cv.folds().rows(f, false)) {
                if (!rows.get(i)[2].equals("NA")) {
                    bills.add(Double.parseDouble(rows.get(i)[2]));
                }
            }
            bills.sort(Double::compare);
            int n = bills.size();
            double median = (bills.get((n - 1) / 2) + bills.get(n / 2)) / 2;
            Encoding.Column bill = fold.encoding().columns().get(2);
            assertThat(bill.name()).isEqualTo("bill_length_mm");
            assertThat(bill.fillNumber()).as("fold %d", f).isEqualTo(median);
            assertThat(fold.validation().encoding()).isEqualTo(fold.encoding());
            medians.add(median);
        }
        assertThat(new java.util.HashSet<>(medians)).as("the folds' own medians").hasSizeGreaterThan(1);
        CrossValidation.Fold first = cv.train(0, List.of(), List.of());
        assertThat(first.model().encoding()).isEqualTo(cv.dataset(0).encoding());
    }

    @Test
    void nothingOfAFoldsHeldOutRowsReachesItsTraining() throws IOException {
        // Not shuffled, fold 1 holds the first 100 rows. Make them wild: fold 1 must train to the same bits
        // (parameters and scaling), while fold 2, which trains on them, must not.
        List<String> lines = Files.readAllLines(DATA.resolve("houses.csv"));
        List<String> changed = new ArrayList<>(lines.subList(0, 1));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (i <= 100) {
                cells[0] = Double.toString(Double.parseDouble(cells[0]) * 1000);
                cells[4] = Double.toString(Double.parseDouble(cells[4]) + 5000);
            }
            changed.add(String.join(",", cells));
        }
        Path wild = Files.write(dir.resolve("wild.csv"), changed);
        CrossValidation original = prepare(houses(DATA.resolve("houses.csv"), "train.epochs=5"), 5, false);
        CrossValidation altered = prepare(houses(wild, "train.epochs=5"), 5, false);

        CrossValidation.Fold before = original.train(0, List.of(), List.of());
        CrossValidation.Fold after = altered.train(0, List.of(), List.of());
        assertThat(after.model().standardization().mean()).isEqualTo(before.model().standardization().mean());
        assertThat(after.model().standardization().std()).isEqualTo(before.model().standardization().std());
        assertThat(after.result().parameters().get("w")).isEqualTo(before.result().parameters().get("w"));
        assertThat(after.result().parameters().get("b")).isEqualTo(before.result().parameters().get("b"));
        assertThat(after.training()).isEqualTo(before.training());
        assertThat(after.validation().get("RMSE")).isGreaterThan(100 * before.validation().get("RMSE"));

        assertThat(altered.dataset(1).standardization()).isNotEqualTo(original.dataset(1).standardization());
    }

    @Test
    void aFoldsModelFileRecordsTheRunAsConfiguredAndWhichFoldItIs() {
        CrossValidation cv = prepare(houses(DATA.resolve("houses.csv"), "train.epochs=2"), 4, true);
        CrossValidation.Fold fold = cv.train(2, List.of(), List.of());
        Map<String, String> recorded = fold.model().config();
        assertThat(recorded).containsEntry("data", "csv").containsEntry("data.standardize", "true")
                .containsEntry("data.validation-fraction", "0.2").containsEntry("seed", "42")
                .containsEntry(CrossValidation.FOLDS_KEY, "4").containsEntry(CrossValidation.FOLD_KEY, "3")
                .containsEntry(CrossValidation.SHUFFLE_KEY, "true");
        assertThat(fold.model().provenance().components().get("data").name()).isEqualTo("csv");
        assertThat(fold.trainingRows() + fold.validationRows()).isEqualTo(500);
    }

    @Test
    void anyDataSourceWorksAndRowsItHeldOutJoinThePool() {
        // synthetic-classes holds 20% out and has no standardize option
        CrossValidation cv = prepare(config("data=synthetic-classes", "data.examples=300", "model=softmax",
                "loss=cross-entropy", "train.epochs=2"), 3, true);
        assertThat(cv.examples()).isEqualTo(300);
        assertThat(cv.standardizes()).isFalse();
        assertThat(cv.figures()).containsExactly("loss", "accuracy", "log-loss", "macro-F1");
        CrossValidation.Fold fold = cv.train(0, List.of(), List.of());
        assertThat(fold.validation().get("accuracy")).isBetween(0.5, 1.0);
        // the book's synthetic regression: no positive targets everywhere, so no log-RMSE
        CrossValidation gaussian = prepare(config("data.examples=50", "train.epochs=1"), 5, true);
        assertThat(gaussian.figures()).containsExactly("loss", "RMSE", "MAE", "R²");
    }

    @Test
    void tooFewOrTooManyFoldsAreRefusedBeforeTraining() {
        RunConfig config = houses(DATA.resolve("houses.csv"));
        assertThatThrownBy(() -> prepare(config, 1, true)).isInstanceOf(ConfigException.class)
                .hasMessage("--folds 1: cross-validation needs at least 2 folds (5 or 10 are usual)");
        assertThatThrownBy(() -> prepare(config, 501, true)).isInstanceOf(ConfigException.class)
                .hasMessage("--folds 501 is more folds than the data's 500 examples; choose at most 500");
    }

    @Test
    void theSummaryIsTheMeanAndPopulationStandardDeviation() {
        Map<String, double[]> summary = Scores.summary(List.of(Map.of("loss", 1.0), Map.of("loss", 3.0)));
        assertThat(summary.get("loss")).containsExactly(2.0, 1.0);
        assertThat(Scores.logRmse(new float[] {0.5f, 100f}, new float[] {1f, 10f}))
                .isCloseTo(Math.sqrt(Math.pow(Math.log(10), 2) / 2), within(1e-12));
    }
}
