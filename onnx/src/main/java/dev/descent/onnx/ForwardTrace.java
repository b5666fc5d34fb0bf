package dev.descent.onnx;

import static dev.descent.onnx.OnnxExport.node;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.descent.api.DescentException;
import dev.descent.api.Model;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Kernel;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import dev.descent.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Any model's forward pass as ONNX nodes, by tracing: the model runs its evaluation pass on a
 * {@link TracingDevice}, which writes down the kernels its tensor operations come down to (matrix
 * products, elementwise ops, reductions), and each kernel becomes an ONNX node; the parameters
 * become initializers under their own names ({@code 0.W}). A layer a plugin jar adds is exported
 * like the bundled ones, as long as its forward pass is made of tensor operations.
 *
 * <p>The pass is traced twice, on 2 and on 3 rows of different values: the two traces must run the
 * same kernels, which tells the batch dimension apart from the model's own (it becomes the graph's
 * symbolic {@code N}) and refuses a forward pass whose operations depend on the values or whose
 * constants depend on the number of rows.
 */
final class ForwardTrace {

    /** A value of the graph: its name and its shape in each trace (they differ in the batch dimension). */
    private static final class Value {
        final String name;
        final Shape a;
        final Shape b;
        /** A constant's values (written from the host while tracing), added as an initializer when first read. */
        final float[] constant;
        boolean written;

        Value(String name, Shape a, Shape b, float[] constant) {
            this.name = name;
            this.a = a;
            this.b = b;
            this.constant = constant;
        }
    }

    private final GraphProto.Builder graph;
    private final String modelName;
    private final Map<TracingDevice.Buffer, Value> inA = new IdentityHashMap<>();
    private final Map<TracingDevice.Buffer, Value> inB = new IdentityHashMap<>();
    private int counter;

    private ForwardTrace(GraphProto.Builder graph, String modelName) {
        this.graph = graph;
        this.modelName = modelName;
    }

    /**
     * Adds {@code model}'s forward pass from the float input {@code input} ({@code [N, features]}) to
     * {@code graph}, ending in {@code output} ({@code [N, width]}).
     *
     * @param model a model initialised on {@code device} with its trained parameters
     */
    static void addTo(GraphProto.Builder graph, Model model, String modelName, TracingDevice device, int features,
                      int width, String input, String output) {
        ForwardTrace trace = new ForwardTrace(graph, modelName);
        for (Parameter p : model.parameters()) {
            Value value = new Value(p.name(), p.value().shape(), p.value().shape(), p.value().toFloatArray());
            trace.inA.put((TracingDevice.Buffer) p.value().buffer(), value);
        }
        trace.inB.putAll(trace.inA);
        Value x = new Value(input, Shape.of(2, features), Shape.of(3, features), null);
        x.written = true;
        TracingDevice.Buffer[] inputs = new TracingDevice.Buffer[2];
        TracingDevice.Buffer[] results = new TracingDevice.Buffer[2];
        List<List<Object>> events = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20_26);
        for (int t = 0; t < 2; t++) {
            int rows = t + 2;
            float[] values = new float[rows * features];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
                Tensor in = Tensor.of(device, values, Shape.of(rows, features));
                inputs[t] = (TracingDevice.Buffer) in.buffer();
                device.record();
                Tensor out = model.forward(in, Pass.EVALUATION);
                events.add(device.stop());
                results[t] = (TracingDevice.Buffer) out.buffer();
                if (out.size() != rows * width) {
                    throw trace.refuse("its forward pass gives " + out.shape() + " for " + rows + " rows, not "
                            + width + " value(s) per row");
                }
            }
        }
        trace.inA.put(inputs[0], x);
        trace.inB.put(inputs[1], x);
        List<Object> a = events.get(0);
        List<Object> b = events.get(1);
        if (a.size() != b.size()) {
            throw trace.refuse("its forward pass runs " + a.size() + " kernels on 2 rows but " + b.size() + " on 3");
        }
        for (int i = 0; i < a.size(); i++) {
            trace.step(a.get(i), b.get(i));
        }
        Value result = trace.inA.get(results[0]);
        if (result == null || trace.inB.get(results[1]) != result) {
            throw trace.refuse("its forward pass returns a value it did not compute from the features");
        }
        String shaped = trace.use(result, Shape.of(2, width), Shape.of(3, width));
        graph.addNode(node("Identity", List.of(shaped), output));
    }

    private DescentException refuse(String why) {
        return new DescentException("model '" + modelName + "' cannot be exported to ONNX: " + why);
    }

    // ----- one kernel ----------------------------------------------------------------------------

    private void step(Object ea, Object eb) {
        if (ea instanceof TracingDevice.Write wa) {
            if (!(eb instanceof TracingDevice.Write wb)) {
                throw refuse("its forward pass runs other kernels on 2 rows than on 3");
            }
            float[] values = Arrays.equals(wa.values(), wb.values()) ? wa.values() : null;
            Value constant = new Value("c" + counter++, Shape.of(wa.values().length), Shape.of(wb.values().length),
                    values);
            inA.put(wa.target(), constant);
            inB.put(wb.target(), constant);
            return;
        }
        TracingDevice.Call ca = (TracingDevice.Call) ea;
        TracingDevice.Call cb = eb instanceof TracingDevice.Call c ? c : null;
        if (cb == null || ca.kind() != cb.kind() || ca.op() != cb.op() || ca.scalar() != cb.scalar()
                || !Arrays.equals(ca.flags(), cb.flags())) {
            throw refuse("its forward pass runs other kernels on 2 rows than on 3 (it depends on the values or on"
                    + " the number of rows)");
        }
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < ca.inputs().size(); i++) {
            Value va = inA.get(ca.inputs().get(i));
            Value vb = inB.get(cb.inputs().get(i));
            if (va == null || va != vb) {
                throw refuse("its " + ca.kind().label() + " kernel reads a value the trace did not see written");
            }
            materialise(va);
            inputs.add(va);
        }
        String out = "v" + counter++;
        Shape outA = ca.outShape();
        Shape outB = cb.outShape();
        switch (ca.kind()) {
            case UNARY -> {
                Value x = inputs.get(0);
                unary((UnaryOp) ca.op(), x.name, out);
                outA = x.a;
                outB = x.b;
            }
            case SCALAR -> {
                Value x = inputs.get(0);
                scalar((ScalarOp) ca.op(), x.name, ca.scalar(), out);
                outA = x.a;
                outB = x.b;
            }
            case BINARY -> {
                String left = use(inputs.get(0), ca.shapes().get(0), cb.shapes().get(0));
                String right = use(inputs.get(1), ca.shapes().get(1), cb.shapes().get(1));
                binary((BinaryOp) ca.op(), left, right, out);
            }
            case MATMUL -> {
                String left = use(inputs.get(0), ca.shapes().get(0), cb.shapes().get(0));
                String right = use(inputs.get(1), ca.shapes().get(1), cb.shapes().get(1));
                if (ca.flags()[0]) {
                    left = transposed(left);
                }
                if (ca.flags()[1]) {
                    right = transposed(right);
                }
                if (ca.flags()[2]) {
                    String before = use(inputs.get(2), ca.shapes().get(2), cb.shapes().get(2));
                    graph.addNode(node("MatMul", List.of(left, right), out + "_product"));
                    graph.addNode(node("Add", List.of(before, out + "_product"), out));
                } else {
                    graph.addNode(node("MatMul", List.of(left, right), out));
                }
            }
            case REDUCE_SUM, REDUCE_MAX -> reduce(ca, cb, use(inputs.get(0), ca.shapes().get(0), cb.shapes().get(0)),
                    out);
            case TRANSPOSE -> graph.addNode(node("Transpose", List.of(use(inputs.get(0), ca.shapes().get(0),
                    cb.shapes().get(0))), out).addAttribute(ints("perm", 1, 0)));
            case AXPY -> {
                Value x = inputs.get(0);
                Value y = inputs.get(1);
                String scaled = out + "_scaled";
                graph.addNode(node("Mul", List.of(x.name, scalarConstant(ca.scalar())), scaled));
                graph.addNode(node("Add", List.of(use(y, x.a, x.b), scaled), out));
                outA = x.a;
                outB = x.b;
            }
            default -> throw refuse("its forward pass uses the " + ca.kind().label() + " kernel, which the exporter"
                    + " cannot write as ONNX");
        }
        Value result = new Value(out, outA, outB, null);
        result.written = true;
        inA.put(ca.output(), result);
        inB.put(cb.output(), result);
    }

    /** A constant becomes an initializer when a kernel first reads it; one that grows with the rows cannot. */
    private void materialise(Value value) {
        if (value.written) {
            return;
        }
        if (value.constant == null) {
            throw refuse("its forward pass makes a constant whose values depend on the number of rows or on the"
                    + " features (" + value.a.size() + " values on 2 rows, " + value.b.size() + " on 3)");
        }
        graph.addInitializer(OnnxExport.floats(value.name, value.constant, Arrays.stream(value.a.dims())
                .asLongStream().toArray()));
        value.written = true;
    }

    /**
     * {@code value} as a kernel reads it: under the shapes {@code a} and {@code b} (one per trace),
     * through a Reshape when it was made under others (a view, a constant of the right length); the
     * one dimension that differs between the traces is the batch, written -1.
     */
    private String use(Value value, Shape a, Shape b) {
        if (value.a.equals(a) && value.b.equals(b)) {
            return value.name;
        }
        long[] target = new long[a.rank()];
        int batch = 0;
        for (int i = 0; i < a.rank(); i++) {
            if (b.rank() != a.rank()) {
                throw refuse("a value is read with " + a.rank() + " dimensions on 2 rows and " + b.rank() + " on 3");
            }
            boolean differs = a.dim(i) != b.dim(i);
            target[i] = differs ? -1 : a.dim(i);
            batch += differs ? 1 : 0;
        }
        if (batch > 1) {
            throw refuse("a value is read as " + a + " on 2 rows and " + b + " on 3: more than one dimension"
                    + " follows the rows");
        }
        String shape = longs("s", target);
        String reshaped = value.name + "_as_" + shape;
        graph.addNode(node("Reshape", List.of(value.name, shape), reshaped));
        return reshaped;
    }

    private String transposed(String name) {
        String out = name + "_t" + counter++;
        graph.addNode(node("Transpose", List.of(name), out).addAttribute(ints("perm", 1, 0)));
        return out;
    }

    private void unary(UnaryOp op, String x, String out) {
        switch (op) {
            case NEG -> graph.addNode(node("Neg", List.of(x), out));
            case SQUARE -> graph.addNode(node("Mul", List.of(x, x), out));
            case ABS -> graph.addNode(node("Abs", List.of(x), out));
            case SIGN -> graph.addNode(node("Sign", List.of(x), out));
            case EXP -> graph.addNode(node("Exp", List.of(x), out));
            case LOG -> graph.addNode(node("Log", List.of(x), out));
            case SQRT -> graph.addNode(node("Sqrt", List.of(x), out));
            case SIGMOID -> graph.addNode(node("Sigmoid", List.of(x), out));
            case SOFTPLUS -> graph.addNode(node("Softplus", List.of(x), out));
            case TANH -> graph.addNode(node("Tanh", List.of(x), out));
            case RELU -> graph.addNode(node("Relu", List.of(x), out));
            case ERF -> graph.addNode(node("Erf", List.of(x), out));
            case GELU -> {
                // x · Φ(x) = x · (1 + erf(x / √2)) / 2: ONNX's Gelu arrives in opset 20, this in every opset.
                graph.addNode(node("Mul", List.of(x, scalarConstant((float) (1 / Math.sqrt(2)))), out + "_scaled"));
                graph.addNode(node("Erf", List.of(out + "_scaled"), out + "_erf"));
                graph.addNode(node("Add", List.of(out + "_erf", scalarConstant(1f)), out + "_1p"));
                graph.addNode(node("Mul", List.of(x, out + "_1p"), out + "_x1p"));
                graph.addNode(node("Mul", List.of(out + "_x1p", scalarConstant(0.5f)), out));
            }
            default -> throw refuse("its forward pass uses the op " + op + ", which the exporter cannot write as ONNX");
        }
    }

    private void scalar(ScalarOp op, String x, float s, String out) {
        String c = scalarConstant(s);
        switch (op) {
            case ADD -> graph.addNode(node("Add", List.of(x, c), out));
            case MUL -> graph.addNode(node("Mul", List.of(x, c), out));
            case REVERSE_SUB -> graph.addNode(node("Sub", List.of(c, x), out));
            case REVERSE_DIV -> graph.addNode(node("Div", List.of(c, x), out));
            case POW -> graph.addNode(node("Pow", List.of(x, c), out));
            case MAX -> graph.addNode(node("Max", List.of(x, c), out));
            case MIN -> graph.addNode(node("Min", List.of(x, c), out));
            case GREATER, LESS -> {
                graph.addNode(node(op == ScalarOp.GREATER ? "Greater" : "Less", List.of(x, c), out + "_bool"));
                graph.addNode(node("Cast", List.of(out + "_bool"), out).addAttribute(OnnxExport.intAttribute("to",
                        TensorProto.DataType.FLOAT.getNumber())));
            }
            default -> throw refuse("its forward pass uses the op " + op + ", which the exporter cannot write as ONNX");
        }
    }

    private void binary(BinaryOp op, String left, String right, String out) {
        switch (op) {
            case ADD -> graph.addNode(node("Add", List.of(left, right), out));
            case SUB -> graph.addNode(node("Sub", List.of(left, right), out));
            case MUL -> graph.addNode(node("Mul", List.of(left, right), out));
            case DIV -> graph.addNode(node("Div", List.of(left, right), out));
            case EQUAL -> {
                graph.addNode(node("Equal", List.of(left, right), out + "_bool"));
                graph.addNode(node("Cast", List.of(out + "_bool"), out).addAttribute(OnnxExport.intAttribute("to",
                        TensorProto.DataType.FLOAT.getNumber())));
            }
            default -> throw refuse("its forward pass uses the op " + op + ", which the exporter cannot write as ONNX");
        }
    }

    /** A sum or maximum over the axes the output keeps as 1; a reduction to fewer dimensions reshapes after. */
    private void reduce(TracingDevice.Call ca, TracingDevice.Call cb, String x, String out) {
        Shape from = ca.shapes().get(0);
        Shape to = ca.outShape();
        List<Long> axes = new ArrayList<>();
        if (to.rank() == from.rank()) {
            for (int i = 0; i < from.rank(); i++) {
                if (to.dim(i) == 1 && from.dim(i) != 1) {
                    axes.add((long) i);
                }
            }
        } else if (to.size() == 1) {
            for (int i = 0; i < from.rank(); i++) {
                axes.add((long) i);
            }
        } else {
            throw refuse("its forward pass reduces " + from + " to " + to + ", which the exporter cannot write as ONNX");
        }
        String kept = to.rank() == from.rank() ? out : out + "_kept";
        long[] list = axes.stream().mapToLong(Long::longValue).toArray();
        if (ca.kind() == Kernel.REDUCE_SUM) {
            String axesName = longs("axes", list);
            graph.addNode(node("ReduceSum", List.of(x, axesName), kept).addAttribute(OnnxExport.intAttribute("keepdims",
                    1)));
        } else {
            graph.addNode(node("ReduceMax", List.of(x), kept).addAttribute(ints("axes", list))
                    .addAttribute(OnnxExport.intAttribute("keepdims", 1)));
        }
        if (!kept.equals(out)) {
            Value whole = new Value(kept, Shape.of(reducedDims(from, to)), Shape.of(reducedDims(cb.shapes().get(0),
                    cb.outShape())), null);
            graph.addNode(node("Identity", List.of(use(whole, to, cb.outShape())), out));
        }
    }

    private static int[] reducedDims(Shape from, Shape to) {
        int[] dims = new int[from.rank()];
        Arrays.fill(dims, 1);
        return dims;
    }

    /** An int64 vector initializer (a shape, axes), named {@code prefix} and a number; its name. */
    private String longs(String prefix, long[] values) {
        String name = prefix + counter++;
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            tensor.addInt64Data(v);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private String scalarConstant(float value) {
        String name = "k" + counter++;
        graph.addInitializer(OnnxExport.floats(name, new float[] {value}, 1));
        return name;
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }
}
