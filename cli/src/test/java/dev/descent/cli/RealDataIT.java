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
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training on a CSV file, saving, predicting and evaluating, through the real CLI. */
class RealDataIT {

    private static final int ROWS = 3000;
    private static final String[] FEATURES = {"area", "rooms", "lot", "age", "distance"};

    @TempDir
    Path dir;

    /** The table as Descent reads it (floats), for the exact solution. */
    private float[][] x;
    /** The cells as written, in double: Descent standardises before rounding to float (issue 25, item 10). */
    private double[][] exact;
    private float[] y;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    /** House prices: area, rooms and lot size strongly correlated, different scales, noise σ = 12. */
    @BeforeEach
    void writeHouses() throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("area,rooms,lot,age,distance,price\n");
        x = new float[ROWS][FEATURES.length];
        exact = new double[ROWS][FEATURES.length];
        y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double area = 120 + 35 * random.nextGaussian();
            double rooms = Math.max(1, Math.round(area / 30 + 0.7 * random.nextGaussian()));
            double lot = 2.5 * area + 40 * random.nextGaussian();
            double age = 80 * random.nextDouble();
            double distance = Math.abs(8 + 5 * random.nextGaussian());
            double price = 2.1 * area + 9 * rooms + 0.05 * lot - 0.8 * age - 4.5 * distance + 50
                    + 12 * random.nextGaussian();
            String row = String.format(Locale.ROOT, "%.1f,%.0f,%.1f,%.0f,%.2f,%.2f", area, rooms, lot, age, distance, price);
            csv.append(row).append('\n');
            String[] cells = row.split(",");
            for (int j = 0; j < FEATURES.length; j++) {
                x[i][j] = Float.parseFloat(cells[j]);
                exact[i][j] = Double.parseDouble(cells[j]);
            }
            y[i] = Float.parseFloat(cells[FEATURES.length]);
        }
        Files.writeString(dir.resolve("houses.csv"), csv);
    }

    /** The exact least-squares fit with intercept, by the normal equations in double: its loss and R². */
    private double[] exactSolution() {
        int p = FEATURES.length + 1;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < ROWS; i++) {
            double[] row = new double[p];
            row[0] = 1;
            for (int j = 0; j < FEATURES.length; j++) {
                row[j + 1] = x[i][j];
            }
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][p] += row[r] * y[i];
            }
        }
        for (int col = 0; col < p; col++) {            // Gauss–Jordan with partial pivoting
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double squares = 0;
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= ROWS;
        double total = 0;
        for (int i = 0; i < ROWS; i++) {
            double prediction = a[0][p] / a[0][0];
            for (int j = 0; j < FEATURES.length; j++) {
                prediction += a[j + 1][p] / a[j + 1][j + 1] * x[i][j];
            }
            squares += (prediction - y[i]) * (prediction - y[i]);
            total += (y[i] - mean) * (y[i] - mean);
        }
        return new double[] {squares / ROWS / 2, 1 - squares / total};
    }

    private static double value(DescentProcess.Result result, String label) {
        return result.stdoutLines().stream().filter(l -> l.startsWith(label)).findFirst()
                .map(l -> Double.parseDouble(l.substring(label.length()).strip().split(" ")[0]))
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in:\n" + result.stdout()));
    }

    private DescentProcess.Result trainHouses(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--set", "data=csv", "--set", "data.path=houses.csv",
                "--set", "train.epochs=20", "--set", "optimizer.lr=0.01"));
        args.addAll(List.of(extra));
        DescentProcess.Result result = descent(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    @Test
    void standardizedTrainingReachesTheLeastSquaresOptimumAndEvaluateAgreesOnR2() {
        double[] exact = exactSolution();
        DescentProcess.Result train = trainHouses("--save", "model.json");
        List<Double> losses = train.epochLosses();
        assertThat(losses).hasSize(20);
        assertThat(losses.get(19)).as("final training loss vs the optimum %s", exact[0])
                .isBetween(exact[0], exact[0] * 1.01);
        DescentProcess.Result evaluate = descent("evaluate", "--model", "model.json", "--data", "houses.csv");
        assertThat(evaluate.exitCode()).as(evaluate.stderr()).isZero();
        assertThat(value(evaluate, "R²")).isCloseTo(exact[1], within(5e-4));
        assertThat(value(evaluate, "examples")).isEqualTo(ROWS);
        assertThat(value(evaluate, "MSE")).isCloseTo(2 * value(evaluate, "loss"), within(1e-5));
        assertThat(value(evaluate, "loss")).as("evaluate on the training file reports the training loss")
                .isEqualTo(losses.get(19));
    }

    @Test
    void predictReproducesTheSavedModelExactlyEvenWithColumnsReordered() throws IOException {
        trainHouses("--save", "model.json", "--set", "train.epochs=3");
        ModelFile model = ModelFiles.read(dir.resolve("model.json"));
        assertThat(model.features()).containsExactly(FEATURES);
        assertThat(model.provenance().components()).containsKeys("data", "model", "loss", "optimizer", "device");
        assertThat(model.config()).containsEntry("data.path", "houses.csv").containsEntry("train.epochs", "3");

        DescentProcess.Result predict = descent("predict", "--model", "model.json", "--data", "houses.csv",
                "--out", "predictions.csv");
        assertThat(predict.exitCode()).as(predict.stderr()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("predictions.csv"));
        assertThat(lines.get(0)).isEqualTo("price_predicted");
        assertThat(lines).hasSize(ROWS + 1);

        // The model by hand, as the cpu device computes it: z-scores, then Xw in order, then + b.
        float[] w = model.parameters().get(0).values();
        float b = model.parameters().get(1).values()[0];
        for (int i = 0; i < ROWS; i++) {
            float z = 0f;
            for (int j = 0; j < FEATURES.length; j++) {
                float scaled = (float) ((exact[i][j] - model.standardization().mean()[j]) / model.standardization().std()[j]);
                z += scaled * w[j];
            }
            assertThat(Float.parseFloat(lines.get(i + 1))).as("row %d", i + 1).isEqualTo(z + b);
        }

        List<String> original = Files.readAllLines(dir.resolve("houses.csv"));
        List<String> reordered = new ArrayList<>();
        for (String line : original) {
            String[] c = line.split(",");
            reordered.add(String.join(",", c[5], c[4], c[3], c[2], c[1], c[0]));
        }
        Files.write(dir.resolve("reordered.csv"), reordered);
        DescentProcess.Result again = descent("predict", "--model", "model.json", "--data", "reordered.csv");
        assertThat(again.stdoutLines()).isEqualTo(lines);
    }

    @Test
    void aModelSavedWithOptionsOtherThanTheDefaultsPredictsWithThem() throws IOException {
        trainHouses("--save", "model.json", "--set", "train.epochs=3", "--set", "model.bias=false");
        ModelFile model = ModelFiles.read(dir.resolve("model.json"));
        assertThat(model.model().options()).containsEntry("bias", "false");
        assertThat(model.parameters()).extracting(ModelFile.ParameterValues::name).containsExactly("w");

        DescentProcess.Result predict = descent("predict", "--model", "model.json", "--data", "houses.csv",
                "--out", "predictions.csv");
        assertThat(predict.exitCode()).as(predict.stderr()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("predictions.csv"));
        float[] w = model.parameters().get(0).values();
        for (int i = 0; i < ROWS; i++) {
            float z = 0f;
            for (int j = 0; j < FEATURES.length; j++) {
                float scaled = (float) ((exact[i][j] - model.standardization().mean()[j]) / model.standardization().std()[j]);
                z += scaled * w[j];
            }
            assertThat(Float.parseFloat(lines.get(i + 1))).as("row %d: X·w, no b", i + 1).isEqualTo(z);
        }
        DescentProcess.Result evaluate = descent("evaluate", "--model", "model.json", "--data", "houses.csv");
        assertThat(evaluate.exitCode()).as(evaluate.stderr()).isZero();
        DescentProcess.Result unknown = descent("predict", "--model", "model.json", "--data", "houses.csv",
                "--set", "seed=3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown key seed").contains("only the device");
    }

    @Test
    void aValidationSplitIsReportedEachEpoch() {
        DescentProcess.Result result = trainHouses("--set", "data.validation-fraction=0.25", "--set", "train.epochs=2");
        assertThat(result.stdoutLines()).hasSize(2)
                .allMatch(l -> l.matches("epoch \\d, loss \\d+\\.\\d{6}, validation loss \\d+\\.\\d{6}"));
    }

    @Test
    void resumingContinuesFromTheSavedParameters() {
        DescentProcess.Result first = trainHouses("--save", "model.json");
        double saved = first.epochLosses().get(19);
        DescentProcess.Result resumed = trainHouses("--resume", "model.json", "--set", "train.epochs=21");
        assertThat(resumed.epochLosses()).as("epoch 21 only: the run continues up to train.epochs").hasSize(1);
        assertThat(resumed.stdout()).startsWith("epoch 21, ");
        assertThat(resumed.epochLosses().get(0)).as("one more epoch from the saved model").isLessThan(saved * 1.05);
        DescentProcess.Result fresh = trainHouses("--set", "train.epochs=1");
        assertThat(fresh.epochLosses().get(0)).isGreaterThan(resumed.epochLosses().get(0));
    }

    @Test
    void resumingWithoutTheDataSettingsReusesTheSavedOnesAndAConflictingScalingIsRefused() throws IOException {
        trainHouses("--save", "model.json", "--set", "train.epochs=2");
        DescentProcess.Result reused = descent("train", "--resume", "model.json", "--set", "train.epochs=3");
        assertThat(reused.exitCode()).as(reused.stderr()).isZero();
        assertThat(reused.stdout()).startsWith("epoch 3, ");

        byte[] before = Files.readAllBytes(dir.resolve("model.json"));
        DescentProcess.Result raw = descent("train", "--resume", "model.json", "--set", "data.standardize=false",
                "--set", "train.epochs=3", "--save", "model.json");
        assertThat(raw.exitCode()).as(raw.stderr()).isEqualTo(2);
        assertThat(raw.stderrLines()).hasSize(1);
        assertThat(raw.stderr()).contains("cannot resume from model.json: it was trained on standardised features,"
                + " but this run's data is not standardised").contains("leave data.standardize");
        assertThat(Files.readAllBytes(dir.resolve("model.json"))).as("the saved model is untouched").isEqualTo(before);

        trainHouses("--save", "raw.json", "--set", "data.standardize=false", "--set", "optimizer.lr=1e-9",
                "--set", "train.epochs=1");
        DescentProcess.Result scaled = descent("train", "--resume", "raw.json", "--set", "data.standardize=true",
                "--set", "train.epochs=2");
        assertThat(scaled.exitCode()).as(scaled.stderr()).isEqualTo(2);
        assertThat(scaled.stderr()).contains("it was trained on raw features, but this run's data is standardised");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "non-numeric cell | x,y\\n1,2\\n3,abc\\n        | bad.csv:3:2: column 'y' holds 'abc'",
            "NA               | x,y\\n1,2\\nNA,4\\n         | bad.csv:3:1: column 'x' holds 'NA'",
            "empty cell       | x,y\\n1,2\\n,4\\n           | bad.csv:3:1: column 'x' is empty",
            "too few fields   | x,y\\n1,2\\n3\\n            | bad.csv:3: the row has 1 fields but the header has 2",
            "too many fields  | x,y\\n1,2\\n3,4,5\\n        | bad.csv:3: the row has 3 fields but the header has 2",
            "empty file       | ''                       | bad.csv is empty",
            "header only      | x,y\\n                    | has a header but no data rows",
            "non-finite value | x,y\\n1,2\\n3,1e40\\n       | bad.csv:3:2: column 'y' holds '1e40', which is not a finite float",
            "constant feature | x,c,y\\n1,5,2\\n2,5,3\\n    | column 'c'",
    })
    void badFilesAreOneLineWithExitCode2(String what, String content, String message) throws IOException {
        Files.writeString(dir.resolve("bad.csv"), content.equals("''") ? "" : content.replace("\\n", "\n"));
        DescentProcess.Result result = descent("train", "--set", "data=csv", "--set", "data.path=bad.csv", "--save", "m.json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains(message).doesNotContain("\tat ");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void unknownTargetOrFeatureColumnsListTheColumnsThatExist() {
        DescentProcess.Result target = descent("train", "--set", "data=csv", "--set", "data.path=houses.csv",
                "--set", "data.target=cost");
        assertThat(target.exitCode()).isEqualTo(2);
        assertThat(target.stderr()).contains("data.target = 'cost'").contains("area, rooms, lot, age, distance, price");
        DescentProcess.Result features = descent("train", "--set", "data=csv", "--set", "data.path=houses.csv",
                "--set", "data.features=area,size");
        assertThat(features.exitCode()).isEqualTo(2);
        assertThat(features.stderr()).contains("'size'").contains("area, rooms, lot, age, distance, price");
    }

    @Test
    void damagedOrForeignModelFilesAreClearErrors() throws IOException {
        trainHouses("--save", "model.json", "--set", "train.epochs=1");
        String json = Files.readString(dir.resolve("model.json"));

        Files.writeString(dir.resolve("truncated.json"), json.substring(0, json.length() / 3));
        DescentProcess.Result truncated = descent("predict", "--model", "truncated.json", "--data", "houses.csv");
        assertThat(truncated.exitCode()).isEqualTo(2);
        assertThat(truncated.stderr()).contains("truncated.json is truncated");

        Files.writeString(dir.resolve("future.json"), json.replace("\"formatVersion\" : 3", "\"formatVersion\" : 5"));
        DescentProcess.Result future = descent("evaluate", "--model", "future.json", "--data", "houses.csv");
        assertThat(future.exitCode()).isEqualTo(2);
        assertThat(future.stderr()).contains("format version 5").contains("reads versions 1 to 4");

        Files.writeString(dir.resolve("alien.json"), json.replace("\"name\" : \"linreg\"", "\"name\" : \"quadratic\""));
        DescentProcess.Result alien = descent("predict", "--model", "alien.json", "--data", "houses.csv");
        assertThat(alien.exitCode()).isEqualTo(2);
        assertThat(alien.stderr()).contains("model plugin 'quadratic'").contains("available models: linreg");

        Files.writeString(dir.resolve("partial.csv"), "area,rooms,age\n1,2,3\n");
        DescentProcess.Result missing = descent("predict", "--model", "model.json", "--data", "partial.csv");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no column 'lot'");
    }

    @Test
    void killingTrainingWhileSavingNeverLeavesAPartialModelFile() throws Exception {
        trainHouses("--save", "model.json", "--set", "train.epochs=1");
        Random random = new Random(3);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int attempt = 0; attempt < 6; attempt++) {
            Process p = new ProcessBuilder(java, "-jar", DescentProcess.jar().toAbsolutePath().toString(), "train",
                    "--set", "data=csv", "--set", "data.path=houses.csv", "--set", "train.epochs=2",
                    "--save", "model.json").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300 + random.nextInt(900));
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            assertThat(ModelFiles.read(dir.resolve("model.json")).parameters()).as("after kill %d", attempt).hasSize(2);
        }
        // A kill mid-write may leave its temporary file; the next save removes it.
        trainHouses("--save", "model.json", "--set", "train.epochs=1");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".model.json"));
        }
    }
}
