package dev.descent.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.descent.api.DescentException;
import dev.descent.io.ModelFile;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exported graphs run in ONNX Runtime and give what the predictor gives. */
class OnnxExportTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(OnnxExportTest.class.getClassLoader());
    private static final int ROWS = 64;

    /** A saved model of {@code name} with random parameters, as a file would hold it. */
    private static ModelFile model(String name, int features, int width, List<String> classes, boolean scaled) {
        SplittableRandom random = new SplittableRandom(features * 31L + width);
        List<String> names = new ArrayList<>();
        double[] mean = new double[features];
        double[] std = new double[features];
        for (int j = 0; j < features; j++) {
            names.add("x" + j);
            mean[j] = random.nextDouble(-50, 50);
            std[j] = random.nextDouble(0.1, 20);
        }
        float[] w = new float[features * width];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] b = new float[width];
        for (int k = 0; k < width; k++) {
            b[k] = (float) random.nextGaussian();
        }
        String weights = name.equals("softmax") ? "W" : "w";
        return new ModelFile("descent-model", 3, new ModelFile.Component(name, "test", "test.jar", Map.of()), names,
                "y", classes.isEmpty() ? width : classes.size(), classes.isEmpty() ? "regression" : "classification",
                classes, scaled ? new ModelFile.Scaling(mean, std) : null, null,
                List.of(new ModelFile.ParameterValues(weights, new int[] {features, width}, w),
                        new ModelFile.ParameterValues("b", new int[] {width}, b)),
                null, Map.of(), null);
    }

    /** Rows drawn around the saved means, as data like the training data is. */
    private static float[] rows(ModelFile file) {
        int d = file.features().size();
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[ROWS * d];
        for (int i = 0; i < x.length; i++) {
            ModelFile.Scaling s = file.standardization();
            x[i] = (float) (s == null ? random.nextGaussian() * 2 : s.mean()[i % d] + s.std()[i % d] * 2 * random.nextGaussian());
        }
        return x;
    }

    private static OrtSession.Result run(byte[] onnx, float[] x, int features, OrtSession[] keep) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        keep[0] = session;
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {ROWS, features});
        return session.run(Map.of("features", input));
    }

    @Test
    void aStandardisedLinearRegressionGivesThePredictorsPredictionsWithin1e6() throws Exception {
        for (boolean scaled : new boolean[] {true, false}) {
            ModelFile file = model("linreg", 7, 1, List.of(), scaled);
            try (Predictor predictor = Predictor.load(file, REGISTRY)) {
                float[] x = rows(file);
                byte[] onnx = OnnxExport.export(predictor, "test").toByteArray();
                float[] expected = predictor.predict(x.clone(), ROWS);
                OrtSession[] session = new OrtSession[1];
                try (OrtSession.Result result = run(onnx, x, 7, session)) {
                    float[][] actual = (float[][]) result.get("predictions").get().getValue();
                    assertThat(actual).hasNumberOfRows(ROWS);
                    for (int i = 0; i < ROWS; i++) {
                        assertThat((double) actual[i][0]).as("row %d, scaled %s", i, scaled)
                                .isCloseTo(expected[i], within(1e-6 * Math.max(1, Math.abs(expected[i]))));
                    }
                } finally {
                    session[0].close();
                }
            }
        }
    }

    @Test
    void aClassifierGivesProbabilitiesClassIndicesAndClassNames() throws Exception {
        for (ModelFile file : List.of(model("softmax", 4, 3, List.of("setosa", "versicolor", "virginica"), true),
                model("logistic", 5, 1, List.of("no", "yes"), true))) {
            try (Predictor predictor = Predictor.load(file, REGISTRY)) {
                int d = predictor.features().size();
                int k = predictor.classes().size();
                float[] x = rows(file);
                Predictor.Classified expected = predictor.classify(x.clone(), ROWS);
                byte[] onnx = OnnxExport.export(predictor, "test").toByteArray();
                OrtSession[] session = new OrtSession[1];
                try (OrtSession.Result result = run(onnx, x, d, session)) {
                    float[][] p = (float[][]) result.get("probabilities").get().getValue();
                    long[] index = (long[]) result.get("class_index").get().getValue();
                    String[] names = (String[]) result.get("class").get().getValue();
                    for (int i = 0; i < ROWS; i++) {
                        for (int c = 0; c < k; c++) {
                            assertThat((double) p[i][c]).as("%s row %d class %d", file.model().name(), i, c)
                                    .isCloseTo(expected.probabilities()[i * k + c], within(1e-6));
                        }
                        assertThat(index[i]).isEqualTo(expected.classes()[i]);
                        assertThat(names[i]).isEqualTo(file.classes().get(expected.classes()[i]));
                    }
                    assertThat(session[0].getMetadata().getCustomMetadata()).containsEntry("classes",
                            String.join(",", file.classes())).containsEntry("target", "y");
                } finally {
                    session[0].close();
                }
            }
        }
    }

    @Test
    void theAffineExportSendsAnotherModelToTheTracingOne() {
        ModelFile file = model("not-affine", 3, 1, List.of(), false);
        try (Predictor predictor = Predictor.load(file, REGISTRY)) {
            assertThatThrownBy(() -> OnnxExport.export(predictor, "test")).isInstanceOf(DescentException.class)
                    .hasMessage("model 'not-affine' is not X W + b (Model.affine()); export it with"
                            + " OnnxExport.export(file, registry, version), which traces its forward pass");
        }
    }

    @Test
    void aModelThatIsNotAffineIsTracedAndGivesThePredictorsPredictions() throws Exception {
        ModelFile file = model("not-affine", 3, 1, List.of(), true);
        float[] x = rows(file);
        assertAgrees(file, x, 1e-6);
    }

    @Test
    void composedModelsAreTracedLayerByLayerAndAgreeWithThePredictorWithin1e5() throws Exception {
        String[] stacks = {"linear:6, relu, dropout:0.5, linear:5, tanh, linear",
            "flatten, linear:7:init=he-normal, gelu, linear:4:bias=false, sigmoid, linear"};
        for (String layers : stacks) {
            ModelFile classifier = composed(layers, 4, List.of("ant", "bee", "cat"), true);
            assertAgrees(classifier, rows(classifier), 1e-5);
            ModelFile regression = composed(layers, 3, List.of(), false);
            assertAgrees(regression, rows(regression), 1e-5);
        }
        ModelFile mlp = composed(null, 5, List.of("no", "yes"), true);
        assertAgrees(mlp, rows(mlp), 1e-5);
    }

    @Test
    void aForwardPassWithAConstantAsLongAsTheBatchIsRefusedInOneLine() {
        ModelFile file = model("batch-constant", 3, 1, List.of(), false);
        assertThatThrownBy(() -> OnnxExport.export(file, REGISTRY, "test")).isInstanceOf(DescentException.class)
                .hasMessage("model 'batch-constant' cannot be exported to ONNX: its forward pass makes a constant whose"
                        + " values depend on the number of rows or on the features (2 values on 2 rows, 3 on 3)");
    }

    /**
     * A saved composed model with the parameters its layers draw (seeded): {@code sequential} with
     * {@code layers}, or an {@code mlp} with two hidden layers of GELU when {@code layers} is null.
     */
    private static ModelFile composed(String layers, int features, List<String> classes, boolean scaled) {
        ModelFile shape = model("softmax", features, 1, List.of(), scaled);
        int outputs = classes.isEmpty() ? 2 : classes.size();
        String name = layers == null ? "mlp" : "sequential";
        Map<String, String> options = layers == null ? Map.of("hidden", "8, 6", "activation", "gelu")
                : Map.of("layers", layers);
        Map<String, dev.descent.config.ConfigValue> values = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> values.put(k, new dev.descent.config.ConfigValue("model." + k, v, "the test")));
        dev.descent.api.Model model = (dev.descent.api.Model) REGISTRY.create(REGISTRY.require(
                dev.descent.api.ComponentKind.MODEL, name, null), values);
        List<ModelFile.ParameterValues> parameters = new ArrayList<>();
        try (dev.descent.tensor.Device device = (dev.descent.tensor.Device) REGISTRY.create(REGISTRY.require(
                dev.descent.api.ComponentKind.DEVICE, "cpu", null), Map.of())) {
            model.initialize(new dev.descent.api.ModelContext(device, features, outputs, new SplittableRandom(3),
                    classes));
            for (dev.descent.api.Parameter p : model.parameters()) {
                parameters.add(new ModelFile.ParameterValues(p.name(), p.value().shape().dims(),
                        p.value().toFloatArray()));
            }
        }
        return new ModelFile("descent-model", 3, new ModelFile.Component(name, "test", "test.jar", options),
                shape.features(), "y", outputs, classes.isEmpty() ? "regression" : "classification", classes,
                shape.standardization(), null, parameters, null, Map.of(), null);
    }

    /** The exported graph in ONNX Runtime against the predictor: predictions, or probabilities and classes. */
    private static void assertAgrees(ModelFile file, float[] x, double tolerance) throws Exception {
        int d = file.features().size();
        byte[] onnx = OnnxExport.export(file, REGISTRY, "test").toByteArray();
        OrtSession[] session = new OrtSession[1];
        try (Predictor predictor = Predictor.load(file, REGISTRY); OrtSession.Result result = run(onnx, x, d, session)) {
            if (file.isClassification()) {
                int k = file.classes().size();
                float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
                Predictor.Classified expected = predictor.classify(x.clone(), ROWS);
                long[] index = (long[]) result.get("class_index").orElseThrow().getValue();
                for (int i = 0; i < ROWS; i++) {
                    for (int c = 0; c < k; c++) {
                        assertThat((double) probabilities[i][c]).as("%s row %d class %d", file.model().name(), i, c)
                                .isCloseTo(expected.probabilities()[i * k + c], within(tolerance));
                    }
                    assertThat(index[i]).isEqualTo(expected.classes()[i]);
                }
            } else {
                float[][] predictions = (float[][]) result.get("predictions").orElseThrow().getValue();
                float[] expected = predictor.predict(x.clone(), ROWS);
                int k = file.outputs();
                for (int i = 0; i < ROWS; i++) {
                    for (int j = 0; j < k; j++) {
                        double e = expected[i * k + j];
                        assertThat((double) predictions[i][j]).as("%s row %d", file.model().name(), i)
                                .isCloseTo(e, within(tolerance * Math.max(1, Math.abs(e))));
                    }
                }
            }
        } finally {
            if (session[0] != null) {
                session[0].close();
            }
        }
    }
}
