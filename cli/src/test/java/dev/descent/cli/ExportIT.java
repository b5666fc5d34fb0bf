package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** descent export: the file ONNX Runtime runs predicts what descent predict prints. */
class ExportIT {

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        DescentProcess.Result result = DescentProcess.run(dir, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    /** Features on scales from 0.01 to 10,000 (so the saved standardisation matters) and a target. */
    private void houses() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder csv = new StringBuilder("area,rooms,lot,age,price\n");
        for (int i = 0; i < 300; i++) {
            double area = random.nextDouble(40, 250);
            int rooms = random.nextInt(1, 8);
            double lot = random.nextDouble(100, 20_000);
            double age = random.nextDouble(0, 1);
            csv.append(area).append(',').append(rooms).append(',').append(lot).append(',').append(age).append(',')
                    .append(1.5 * area + 12 * rooms + 0.002 * lot - 7 * age + random.nextGaussian()).append('\n');
        }
        Files.writeString(dir.resolve("houses.csv"), csv);
    }

    private static float[] features(List<String> csvLines, int columns) {
        float[] x = new float[(csvLines.size() - 1) * columns];
        for (int i = 1; i < csvLines.size(); i++) {
            String[] cells = csvLines.get(i).split(",");
            for (int j = 0; j < columns; j++) {
                x[(i - 1) * columns + j] = Float.parseFloat(cells[j]);
            }
        }
        return x;
    }

    private static OrtSession.Result run(Path onnx, float[] x, int rows, int columns, OrtSession[] keep)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        keep[0] = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
        return keep[0].run(Map.of("features", OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
                new long[] {rows, columns})));
    }

    @Test
    void anExportedRegressionModelPredictsWhatPredictPrintsWithin1e6() throws Exception {
        houses();
        descent("train", "--set", "data=csv", "--set", "data.path=houses.csv", "--set", "train.epochs=20",
                "--save", "model.json");
        descent("export", "--model", "model.json", "--format", "onnx", "--out", "model.onnx");
        List<String> predicted = descent("predict", "--model", "model.json", "--data", "houses.csv").stdoutLines();
        List<String> rows = Files.readAllLines(dir.resolve("houses.csv"));
        float[] x = features(rows, 4);
        OrtSession[] session = new OrtSession[1];
        try (OrtSession.Result result = run(dir.resolve("model.onnx"), x, rows.size() - 1, 4, session)) {
            float[][] onnx = (float[][]) result.get("predictions").get().getValue();
            assertThat(predicted.get(0)).isEqualTo("price_predicted");
            for (int i = 0; i < onnx.length; i++) {
                double expected = Double.parseDouble(predicted.get(i + 1));
                assertThat((double) onnx[i][0]).as("row %d", i)
                        .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
            }
        } finally {
            session[0].close();
        }
    }

    @Test
    void anExportedClassifierGivesPredictsClassesAndProbabilities() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path iris = root.resolve("data/iris.csv");
        descent("train", "-c", root.resolve("examples/configs/iris-softmax.properties").toString(),
                "--set", "data.path=" + iris, "--save", "iris.json");
        descent("export", "--model", "iris.json", "--format", "onnx", "--out", "iris.onnx");
        List<String> predicted = descent("predict", "--model", "iris.json", "--data", iris.toString()).stdoutLines();
        List<String> rows = Files.readAllLines(iris);
        float[] x = features(rows, 4);
        OrtSession[] session = new OrtSession[1];
        try (OrtSession.Result result = run(dir.resolve("iris.onnx"), x, rows.size() - 1, 4, session)) {
            float[][] p = (float[][]) result.get("probabilities").get().getValue();
            String[] names = (String[]) result.get("class").get().getValue();
            for (int i = 0; i < p.length; i++) {
                String[] cells = predicted.get(i + 1).split(",");
                assertThat(names[i]).as("row %d", i).isEqualTo(cells[0]);
                for (int c = 0; c < 3; c++) {
                    assertThat((double) p[i][c]).isCloseTo(Double.parseDouble(cells[c + 1]), within(1e-6));
                }
            }
        } finally {
            session[0].close();
        }
    }

    /**
     * data/penguins.csv with its missing cells and text columns: the graph takes one input per column
     * (double for numbers, NaN when missing; string for categories, "" when missing), fills and one-hot
     * encodes them as the saved model says, and predicts what descent predict prints within 1e-5; so
     * does Predictor.predictRows, given the rows by column name.
     */
    @Test
    void aModelOfFilledAndEncodedColumnsTakesTheColumnsAsInputsAndPredictsWhatPredictPrints() throws Exception {
        Path penguins = Path.of("..", "data", "penguins.csv").toAbsolutePath().normalize();
        descent("train", "--set", "data=csv", "--set", "data.path=" + penguins, "--set", "data.target=body_mass_g",
                "--set", "data.missing=median", "--set", "data.missing-indicator=true", "--set", "optimizer=adam",
                "--set", "optimizer.lr=20", "--set", "train.epochs=10", "--save", "penguins.json");
        descent("train", "--set", "data=csv", "--set", "data.path=" + penguins, "--set", "data.target=species",
                "--set", "loss=cross-entropy", "--set", "model=softmax", "--set", "data.missing=most-frequent",
                "--set", "data.handle-unknown=ignore", "--set", "train.epochs=10", "--save", "species.json");
        List<String> lines = Files.readAllLines(penguins);
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new java.util.HashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(header.get(c), cells[c].equals("NA") ? null : cells[c]);
            }
            rows.add(row);
        }
        Files.copy(penguins, dir.resolve("rows.csv"));

        descent("export", "--model", "penguins.json", "--format", "onnx", "--out", "penguins.onnx");
        List<String> predicted = descent("predict", "--model", "penguins.json", "--data", "rows.csv").stdoutLines();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(dir.resolve("penguins.onnx").toString(),
                new OrtSession.SessionOptions()); OrtSession.Result result = session.run(inputs(env, session, rows))) {
            float[][] onnx = (float[][]) result.get("predictions").get().getValue();
            assertThat(onnx).hasNumberOfRows(rows.size());
            for (int i = 0; i < onnx.length; i++) {
                double expected = Double.parseDouble(predicted.get(i + 1));
                assertThat((double) onnx[i][0]).as("row %d", i)
                        .isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
            }
        }
        try (PluginRegistry registry = PluginRegistry.discover(ExportIT.class.getClassLoader());
             Predictor predictor = Predictor.load(ModelFiles.read(dir.resolve("penguins.json")), registry)) {
            assertThat(predictor.inputs()).containsExactly("species", "island", "bill_length_mm", "bill_depth_mm",
                    "flipper_length_mm", "sex", "year");
            float[] fromRows = predictor.predictRows(rows);
            for (int i = 0; i < fromRows.length; i++) {
                double expected = Double.parseDouble(predicted.get(i + 1));
                assertThat((double) fromRows[i]).as("row %d", i).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
            }
        }

        rows.get(5).put("island", "Atlantis");   // unknown: all zeros for the species model (handle-unknown = ignore)
        StringBuilder unknown = new StringBuilder(lines.get(0)).append('\n');
        for (Map<String, String> row : rows) {
            unknown.append(header.stream().map(h -> row.get(h) == null ? "NA" : row.get(h))
                    .collect(java.util.stream.Collectors.joining(","))).append('\n');
        }
        Files.writeString(dir.resolve("unknown.csv"), unknown);
        descent("export", "--model", "species.json", "--format", "onnx", "--out", "species.onnx");
        List<String> classes = descent("predict", "--model", "species.json", "--data", "unknown.csv").stdoutLines();
        try (OrtSession session = env.createSession(dir.resolve("species.onnx").toString(),
                new OrtSession.SessionOptions()); OrtSession.Result result = session.run(inputs(env, session, rows))) {
            float[][] p = (float[][]) result.get("probabilities").get().getValue();
            String[] names = (String[]) result.get("class").get().getValue();
            for (int i = 0; i < p.length; i++) {
                String[] cells = classes.get(i + 1).split(",");
                assertThat(names[i]).as("row %d", i).isEqualTo(cells[0]);
                for (int c = 0; c < 3; c++) {
                    assertThat((double) p[i][c]).isCloseTo(Double.parseDouble(cells[c + 1]), within(1e-5));
                }
            }
        }
    }

    /** One tensor per input of the graph, [rows, 1]: doubles (NaN when missing) or strings ("" when missing). */
    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, OrtSession session, List<Map<String, String>> rows)
            throws Exception {
        Map<String, OnnxTensor> inputs = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ai.onnxruntime.NodeInfo> input : session.getInputInfo().entrySet()) {
            String name = input.getKey();
            ai.onnxruntime.TensorInfo info = (ai.onnxruntime.TensorInfo) input.getValue().getInfo();
            if (info.type == ai.onnxruntime.OnnxJavaType.STRING) {
                String[][] values = new String[rows.size()][1];
                for (int i = 0; i < rows.size(); i++) {
                    String v = rows.get(i).get(name);
                    values[i][0] = v == null ? "" : v;
                }
                inputs.put(name, OnnxTensor.createTensor(env, values));
            } else {
                double[][] values = new double[rows.size()][1];
                for (int i = 0; i < rows.size(); i++) {
                    String v = rows.get(i).get(name);
                    values[i][0] = v == null ? Double.NaN : Double.parseDouble(v);
                }
                inputs.put(name, OnnxTensor.createTensor(env, values));
            }
        }
        return inputs;
    }

    @Test
    void aModelFromAPluginJarIsExportedByTracingAndOneThatCannotBeAndABadFormatAreOneLineErrors()
            throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("descent-plugins"));
        TestJars.plugin(plugins.resolve("squashed.jar"), dev.descent.api.Model.class,
                dev.descent.cli.testplugins.SquashedModel.class, dev.descent.cli.testplugins.RowCountModel.class);
        descent("train", "--set", "model=squashed", "--set", "train.epochs=1", "--save", "squashed.json");
        DescentProcess.Result traced = DescentProcess.run(dir, "export", "--model", "squashed.json", "--format",
                "onnx", "--out", "squashed.onnx");
        assertThat(traced.exitCode()).as(traced.stderr()).isZero();
        assertThat(new String(Files.readAllBytes(dir.resolve("squashed.onnx")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("MatMul").contains("Sigmoid");

        descent("train", "--set", "model=row-count", "--set", "train.epochs=1", "--save", "rows.json");
        DescentProcess.Result refused = DescentProcess.run(dir, "export", "--model", "rows.json", "--format",
                "onnx", "--out", "rows.onnx");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderrLines()).hasSize(1);
        assertThat(refused.stderr()).contains("model 'row-count' cannot be exported to ONNX: its forward pass makes a"
                + " constant whose values depend on the number of rows or on the features");
        assertThat(dir.resolve("rows.onnx")).doesNotExist();

        DescentProcess.Result format = DescentProcess.run(dir, "export", "--model", "squashed.json", "--format", "pmml",
                "--out", "m.x");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.stderr()).contains("expected one of [onnx]");
    }
}
