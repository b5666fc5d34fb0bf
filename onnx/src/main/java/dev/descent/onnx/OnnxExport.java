package dev.descent.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.descent.api.DescentException;
import dev.descent.api.Encoding;
import dev.descent.api.Model;
import dev.descent.io.ModelFile;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved model as an ONNX graph, so that it runs where Descent does not: ONNX Runtime in C++, C#,
 * Python or the browser, and every serving system that reads ONNX.
 *
 * <p>The graph takes {@code features}, a float tensor {@code [N, d]} of raw (unscaled) rows in the
 * model's feature order, and applies what {@code descent predict} applies:
 * <pre>
 * z = (features − mean) / std          # the saved standardisation, when the model has one (in double,
 *                                      # rounded to float once, as Descent computes it)
 * y = z · W + b                        # an affine model (linreg, softmax, logistic); any other
 *                                      # model's forward pass, traced (mlp, sequential, plugin layers)
 * </pre>
 * A regression model's output is {@code predictions} {@code [N, outputs]}. A classifier's outputs
 * are {@code probabilities} {@code [N, classes]} (softmax, or the sigmoid's two columns for a
 * binary logistic model), {@code class_index} (int64 {@code [N]}, the largest probability's) and
 * {@code class} (its name, through {@code ai.onnx.ml.LabelEncoder}). The feature names, the target
 * and the class names are also in the model's metadata. Opset 13 ({@code ai.onnx}) and 2
 * ({@code ai.onnx.ml}); IR version 8.
 */
public final class OnnxExport {

    /** The IR version written: ONNX 1.10 and later, ONNX Runtime 1.10 and later. */
    public static final long IR_VERSION = 8;
    /** The {@code ai.onnx} operator set the graph uses. */
    public static final long OPSET = 13;
    private static final long ML_OPSET = 2;
    private static final String ML_DOMAIN = "ai.onnx.ml";

    private OnnxExport() {
    }

    /**
     * The ONNX model for {@code predictor}'s saved model.
     *
     * @throws DescentException when the model is not affine ({@link Predictor#isDirect()}): only
     *                          models whose forward pass is {@code X W + b} can be written so far
     */
    public static ModelProto export(Predictor predictor, String descentVersion) {
        ModelFile file = predictor.file();
        float[][] affine = predictor.affineParameters().orElseThrow(() -> new DescentException("model '"
                + file.model().name() + "' is not X W + b (Model.affine()); export it with"
                + " OnnxExport.export(file, registry, version), which traces its forward pass"));
        int d = predictor.features().size();
        int width = affine[1].length;
        GraphProto.Builder graph = graph(file, d);
        String x = scaled(graph, file);
        graph.addInitializer(floats("W", affine[0], d, width));
        graph.addInitializer(floats("b", affine[1], width));
        graph.addNode(node("MatMul", List.of(x, "W"), "xw"));
        graph.addNode(node("Add", List.of("xw", "b"), file.isClassification() ? "logits" : "predictions"));
        return model(graph, file, width, descentVersion);
    }

    /**
     * The ONNX model for any saved model: an affine one as {@link #export(Predictor, String)} writes
     * it; any other (a composed {@code mlp} or {@code sequential}, a layer from a plugin jar) by
     * tracing its evaluation pass ({@link ForwardTrace}): its matrix products become {@code MatMul},
     * its activations {@code Relu}, {@code Tanh}, {@code Sigmoid}, {@code Erf} (GELU), and so on,
     * with its parameters as initializers under their own names.
     *
     * @param registry where the model's plugins (and the layers it composes) come from
     * @throws DescentException when the forward pass uses a kernel ONNX cannot express here, or
     *                          depends on the values of the rows or their number
     */
    public static ModelProto export(ModelFile file, PluginRegistry registry, String descentVersion) {
        TracingDevice device = new TracingDevice();
        Model model = Predictor.rebuild(file, registry, device);
        if (model.affine().isPresent()) {
            try (Predictor predictor = Predictor.load(file, registry)) {
                return export(predictor, descentVersion);
            }
        }
        int d = file.features().size();
        int width = file.isClassification() && file.classes().size() == 2 && file.outputs() == 1 ? 1 : file.outputs();
        GraphProto.Builder graph = graph(file, d);
        String x = scaled(graph, file);
        ForwardTrace.addTo(graph, model, file.model().name(), device, d, width, x,
                file.isClassification() ? "logits" : "predictions");
        return model(graph, file, width, descentVersion);
    }

    private static GraphProto.Builder graph(ModelFile file, int features) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("descent_" + file.model().name());
        return file.encoding() != null ? graph : graph.addInput(floatInput("features", features));
    }

    /** The standardisation of the features, when the model has one; the name of the rows the model reads. */
    private static String scaled(GraphProto.Builder graph, ModelFile file) {
        if (file.encoding() != null) {
            return encoded(graph, file);
        }
        String x = "features";
        if (file.standardization() != null) {
            // In double precision and rounded once, as Descent scales its inputs: the same floats go in.
            graph.addInitializer(doubles("mean", file.standardization().mean()));
            graph.addInitializer(doubles("std", file.standardization().std()));
            graph.addNode(node("Cast", List.of(x), "features_double")
                    .addAttribute(intAttribute("to", TensorProto.DataType.DOUBLE.getNumber())));
            graph.addNode(node("Sub", List.of("features_double", "mean"), "centred"));
            graph.addNode(node("Div", List.of("centred", "std"), "standardized_double"));
            graph.addNode(node("Cast", List.of("standardized_double"), "standardized")
                    .addAttribute(intAttribute("to", TensorProto.DataType.FLOAT.getNumber())));
            x = "standardized";
        }
        return x;
    }

    /**
     * A table's columns as the model's features, as Descent prepares them ({@link Encoding}): one input
     * per column, {@code [N, 1]}: a number column as double ({@code NaN} = missing), filled where NaN
     * ({@code IsNaN}, {@code Where}); a category column as string ({@code ""} = missing), one-hot
     * encoded ({@code ai.onnx.ml.OneHotEncoder} with the saved categories; an unknown category is an
     * error, or all zeros under {@code handle-unknown = ignore}), a missing cell mapped onto its fill's
     * column by a constant matrix; the indicators last; then standardised in double and rounded once.
     *
     * @return the name of the float features the model reads
     */
    private static String encoded(GraphProto.Builder graph, ModelFile file) {
        Encoding encoding = file.encoding();
        List<String> parts = new ArrayList<>();
        List<String> indicators = new ArrayList<>();
        for (Encoding.Column column : encoding.columns()) {
            String name = column.name();
            String id = "column" + parts.size() + "_" + indicators.size() + "_" + name.replaceAll("[^A-Za-z0-9_]", "_");
            if (!column.categorical()) {
                graph.addInput(output(name, TensorProto.DataType.DOUBLE, 1));
                if (column.fill() == null) {
                    parts.add(name);   // a missing value stays NaN: Descent refuses such a row
                    continue;
                }
                graph.addInitializer(doubles(id + "_fill", new double[] {column.fillNumber()}));
                graph.addNode(node("IsNaN", List.of(name), id + "_nan"));
                graph.addNode(node("Where", List.of(id + "_nan", id + "_fill", name), id + "_filled"));
                parts.add(id + "_filled");
                if (column.indicator()) {
                    graph.addNode(node("Cast", List.of(id + "_nan"), id + "_missing")
                            .addAttribute(intAttribute("to", TensorProto.DataType.DOUBLE.getNumber())));
                    indicators.add(id + "_missing");
                }
                continue;
            }
            graph.addInput(output(name, TensorProto.DataType.STRING, 1));
            List<String> categories = column.categories();
            int k = categories.size();
            // A missing cell ("") is a category of the encoder's when the model fills it: its row of the
            // matrix below is the fill's one-hot row (zeros for a fill the model does not know, ignored).
            boolean empty = column.fill() != null && (categories.contains(column.fill()) || column.ignoreUnknown());
            int rows = k + (empty ? 1 : 0);
            AttributeProto.Builder cats = AttributeProto.newBuilder().setName("cats_strings")
                    .setType(AttributeProto.AttributeType.STRINGS);
            categories.forEach(c -> cats.addStrings(com.google.protobuf.ByteString.copyFromUtf8(c)));
            if (empty) {
                cats.addStrings(com.google.protobuf.ByteString.EMPTY);
            }
            graph.addNode(node("OneHotEncoder", List.of(name), id + "_onehot3").setDomain(ML_DOMAIN)
                    .addAttribute(cats).addAttribute(intAttribute("zeros", column.ignoreUnknown() ? 1 : 0)));
            graph.addInitializer(longs(id + "_shape", -1, rows));
            graph.addNode(node("Reshape", List.of(id + "_onehot3", id + "_shape"), id + "_onehot_float"));
            graph.addNode(node("Cast", List.of(id + "_onehot_float"), id + "_onehot")
                    .addAttribute(intAttribute("to", TensorProto.DataType.DOUBLE.getNumber())));
            if (!empty) {
                parts.add(id + "_onehot");
                continue;
            }
            double[] map = new double[rows * k];
            for (int c = 0; c < k; c++) {
                map[c * k + c] = 1;
            }
            int fill = categories.indexOf(column.fill());
            if (fill >= 0) {
                map[k * k + fill] = 1;
            }
            graph.addInitializer(doubles(id + "_map", map, rows, k));
            graph.addNode(node("MatMul", List.of(id + "_onehot", id + "_map"), id + "_encoded"));
            parts.add(id + "_encoded");
            if (column.indicator()) {
                graph.addInitializer(longs(id + "_last", k));
                graph.addInitializer(longs(id + "_end", k + 1));
                graph.addInitializer(longs(id + "_axis", 1));
                graph.addNode(node("Slice", List.of(id + "_onehot", id + "_last", id + "_end", id + "_axis"),
                        id + "_missing"));
                indicators.add(id + "_missing");
            }
        }
        parts.addAll(indicators);
        graph.addNode(node("Concat", parts, "features_double").addAttribute(intAttribute("axis", 1)));
        String x = "features_double";
        if (file.standardization() != null) {
            graph.addInitializer(doubles("mean", file.standardization().mean()));
            graph.addInitializer(doubles("std", file.standardization().std()));
            graph.addNode(node("Sub", List.of(x, "mean"), "centred"));
            graph.addNode(node("Div", List.of("centred", "std"), "standardized_double"));
            x = "standardized_double";
        }
        graph.addNode(node("Cast", List.of(x), "standardized")
                .addAttribute(intAttribute("to", TensorProto.DataType.FLOAT.getNumber())));
        return "standardized";
    }

    /** The model around {@code graph}, whose {@code logits} or {@code predictions} are {@code width} per row. */
    private static ModelProto model(GraphProto.Builder graph, ModelFile file, int width, String descentVersion) {
        if (!file.isClassification()) {
            graph.addOutput(floatOutput("predictions", file.outputs()));
        } else {
            classify(graph, file.classes(), width);
        }
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName("descent").setProducerVersion(descentVersion)
                .setDocString("Descent model '" + file.model().name() + "' predicting '" + file.target() + "'")
                .addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        if (file.isClassification() || file.encoding() != null) {
            model.addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN)
                    .setVersion(ML_OPSET));
        }
        model.addMetadataProps(meta("features", String.join(",", file.features())));
        if (file.encoding() != null) {
            model.addMetadataProps(meta("inputs", String.join(",", file.encoding().inputs())));
        }
        model.addMetadataProps(meta("target", file.target()));
        model.addMetadataProps(meta("task", file.task()));
        if (file.isClassification()) {
            model.addMetadataProps(meta("classes", String.join(",", file.classes())));
        }
        return model.build();
    }

    /** Probabilities, the class index and the class name from the logits. */
    private static void classify(GraphProto.Builder graph, List<String> classes, int width) {
        if (width == 1) {   // logistic: one logit for the second class
            graph.addNode(node("Sigmoid", List.of("logits"), "positive"));
            graph.addInitializer(floats("one", new float[] {1f}, 1));
            graph.addNode(node("Sub", List.of("one", "positive"), "negative"));
            graph.addNode(node("Concat", List.of("negative", "positive"), "probabilities")
                    .addAttribute(intAttribute("axis", 1)));
        } else {
            graph.addNode(node("Softmax", List.of("logits"), "probabilities").addAttribute(intAttribute("axis", 1)));
        }
        graph.addNode(node("ArgMax", List.of("probabilities"), "class_index")
                .addAttribute(intAttribute("axis", 1)).addAttribute(intAttribute("keepdims", 0)));
        AttributeProto.Builder keys = AttributeProto.newBuilder().setName("keys_int64s")
                .setType(AttributeProto.AttributeType.INTS);
        AttributeProto.Builder values = AttributeProto.newBuilder().setName("values_strings")
                .setType(AttributeProto.AttributeType.STRINGS);
        for (int c = 0; c < classes.size(); c++) {
            keys.addInts(c);
            values.addStrings(com.google.protobuf.ByteString.copyFromUtf8(classes.get(c)));
        }
        graph.addNode(node("LabelEncoder", List.of("class_index"), "class").setDomain(ML_DOMAIN)
                .addAttribute(keys).addAttribute(values)
                .addAttribute(AttributeProto.newBuilder().setName("default_string").setS(
                        com.google.protobuf.ByteString.copyFromUtf8("")).setType(AttributeProto.AttributeType.STRING)));
        graph.addOutput(floatOutput("probabilities", classes.size()));
        graph.addOutput(output("class_index", TensorProto.DataType.INT64, null));
        graph.addOutput(output("class", TensorProto.DataType.STRING, null));
    }

    static NodeProto.Builder node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static TensorProto floats(String name, float[] values, long... shape) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        for (float v : values) {
            tensor.addFloatData(v);
        }
        return tensor.build();
    }

    private static TensorProto longs(String name, long... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            tensor.addInt64Data(v);
        }
        return tensor.build();
    }

    private static TensorProto doubles(String name, double[] values, long... shape) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.DOUBLE.getNumber());
        if (shape.length == 0) {
            tensor.addDims(values.length);
        }
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        for (double v : values) {
            tensor.addDoubleData(v);
        }
        return tensor.build();
    }

    private static ValueInfoProto floatInput(String name, int columns) {
        return output(name, TensorProto.DataType.FLOAT, columns);
    }

    private static ValueInfoProto floatOutput(String name, int columns) {
        return output(name, TensorProto.DataType.FLOAT, columns);
    }

    /** A tensor of {@code type} with a symbolic batch dimension {@code N} and, unless null, {@code columns}. */
    private static ValueInfoProto output(String name, TensorProto.DataType type, Integer columns) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        if (columns != null) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static StringStringEntryProto meta(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
