package dev.descent.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 array with a {@link Shape}, held in a {@link Device}'s memory, that records how it was
 * computed so that {@link #backward()} can compute gradients.
 *
 * <p>Operations return new tensors and never change their inputs. Each is a {@link TensorFunction}
 * (the built-in ones are in {@code ElementwiseFunctions}, {@code ReductionFunctions},
 * {@code LinearAlgebraFunctions} and {@code LayoutFunctions}; a plugin's are called with
 * {@link #apply}). When gradient tracking is on ({@link GradMode}) and any input
 * {@linkplain #requiresGrad() requires a gradient}, the result remembers its function and inputs;
 * {@code loss.sum().backward()} then runs the functions' backwards in reverse order ({@code Autograd})
 * and adds {@code ∂loss/∂p} into {@link #grad()} of every parameter {@code p}. So a plugin author
 * writes only the forward computation, as in the book:
 *
 * <pre>{@code
 * Tensor yHat = x.matmul(w).add(b);                    // the model
 * Tensor l = yHat.sub(y.reshape(yHat.shape())).square().div(2);   // the loss
 * l.sum().backward();                                   // w.grad(), b.grad() now hold the gradients
 * }</pre>
 *
 * <p>The in-place methods ({@code ...InPlace}) are for optimizers, which run outside gradient
 * tracking. A tensor is used by one thread at a time.
 */
public final class Tensor implements AutoCloseable {

    private final Device device;
    private final Shape shape;
    private final boolean ownsBuffer;
    private DeviceBuffer buffer;

    boolean requiresGrad;
    /** A trainable leaf made by {@link #parameter}: its gradient accumulates in place and persists. */
    boolean isParameter;
    /** For a parameter: its gradient, allocated with it. For an intermediate: the gradient during backward(). */
    Tensor grad;
    /** The function this tensor is the result of, while it is tracked; null for leaves and untracked results. */
    TensorFunction function;
    /** The inputs of {@link #function}, as it was called. */
    Tensor[] inputs;
    /** The stamp of the last topological walk that reached this tensor. */
    long visit;

    Tensor(Device device, DeviceBuffer buffer, Shape shape, boolean ownsBuffer, boolean scoped) {
        this.device = device;
        this.buffer = buffer;
        this.shape = shape;
        this.ownsBuffer = ownsBuffer;
        if (scoped) {
            TensorScope.register(this);
        }
    }

    // ----- creation -------------------------------------------------------------------------

    /** A constant tensor holding {@code values} (row-major), which must have {@code shape.size()} elements. */
    public static Tensor of(Device device, float[] values, Shape shape) {
        checkFills(values, shape);
        Tensor t = new Tensor(device, device.allocate(shape.size()), shape, true, true);
        device.upload(values, t.buffer);
        return t;
    }

    /**
     * A constant tensor over {@code values}, which the caller hands over and must not modify
     * afterwards: on a device whose memory is the heap ({@code cpu}) the array is used as it is,
     * without a copy. The trainer loads data sets this way.
     */
    public static Tensor adopt(Device device, float[] values, Shape shape) {
        checkFills(values, shape);
        return new Tensor(device, device.adopt(values), shape, true, true);
    }

    /** A constant scalar. */
    public static Tensor scalar(Device device, float value) {
        return of(device, new float[] {value}, Shape.SCALAR);
    }

    /** A constant tensor of zeros. */
    public static Tensor zeros(Device device, Shape shape) {
        return new Tensor(device, device.allocate(shape.size()), shape, true, true);
    }

    /**
     * A tensor of zeros that no {@link TensorScope} releases: state an optimizer keeps from step to
     * step (a momentum's velocity). It lives until {@link #close()}d or collected.
     */
    public static Tensor persistentZeros(Device device, Shape shape) {
        return new Tensor(device, device.allocate(shape.size()), shape, true, false);
    }

    /** A constant tensor with every element {@code value}. */
    public static Tensor full(Device device, Shape shape, float value) {
        Tensor t = zeros(device, shape);
        device.fill(t.buffer, value);
        return t;
    }

    /**
     * A trainable leaf: requires a gradient, owns a gradient buffer of its shape (zeros), and is
     * never released by a {@link TensorScope}.
     */
    public static Tensor parameter(Device device, float[] values, Shape shape) {
        checkFills(values, shape);
        Tensor t = new Tensor(device, device.allocate(shape.size()), shape, true, false);
        device.upload(values, t.buffer);
        t.requiresGrad = true;
        t.isParameter = true;
        t.grad = new Tensor(device, device.allocate(shape.size()), shape, true, false);
        return t;
    }

    /**
     * A new tensor of {@code shape} on {@code device} for a function's result: zeros, released by the
     * enclosing {@link TensorScope}. A {@link TensorFunction}'s forward allocates its result with this
     * and fills it with the device's kernels.
     */
    public static Tensor result(Device device, Shape shape) {
        return new Tensor(device, device.allocate(shape.size()), shape, true, true);
    }

    /**
     * {@code function} applied to {@code inputs}, tracked for gradients when any input needs one:
     * how a plugin calls a function of its own.
     */
    public static Tensor apply(TensorFunction function, Tensor... inputs) {
        return Autograd.apply(function, inputs);
    }

    // ----- properties -----------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    public Device device() {
        return device;
    }

    /** The buffer behind this tensor, for devices and functions that call kernels themselves. */
    public DeviceBuffer buffer() {
        checkOpen();
        return buffer;
    }

    public int size() {
        return shape.size();
    }

    /** Whether gradients flow into this tensor: a parameter, or a result computed from one. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The accumulated gradient of a {@linkplain #parameter parameter}; {@code null} for other tensors. */
    public Tensor grad() {
        return isParameter ? grad : null;
    }

    /** The name of the function this tensor was computed by, while it is tracked ({@code matmul}); else null. */
    public String functionName() {
        return function == null ? null : function.name();
    }

    /** The values, copied to the host, row-major. */
    public float[] toFloatArray() {
        checkOpen();
        float[] out = new float[shape.size()];
        device.download(buffer, out);
        return out;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, not shape " + shape);
        }
        return toFloatArray()[0];
    }

    // ----- elementwise, with broadcasting ---------------------------------------------------

    public Tensor add(Tensor other) {
        return binary(ElementwiseFunctions.Binary.ADD, other);
    }

    public Tensor sub(Tensor other) {
        return binary(ElementwiseFunctions.Binary.SUB, other);
    }

    public Tensor mul(Tensor other) {
        return binary(ElementwiseFunctions.Binary.MUL, other);
    }

    public Tensor div(Tensor other) {
        return binary(ElementwiseFunctions.Binary.DIV, other);
    }

    // ----- scalar variants ------------------------------------------------------------------

    public Tensor add(double s) {
        return scalar(ScalarOp.ADD, s);
    }

    public Tensor sub(double s) {
        return add(-s);
    }

    public Tensor mul(double s) {
        return scalar(ScalarOp.MUL, s);
    }

    public Tensor div(double s) {
        return mul(1.0 / s);
    }

    /** {@code s - this}. */
    public Tensor reverseSub(double s) {
        return scalar(ScalarOp.REVERSE_SUB, s);
    }

    /** {@code s / this}. */
    public Tensor reverseDiv(double s) {
        return scalar(ScalarOp.REVERSE_DIV, s);
    }

    /** {@code this ^ p}, elementwise. */
    public Tensor pow(double p) {
        return scalar(ScalarOp.POW, p);
    }

    /** {@code max(this, s)}, elementwise; the gradient flows where {@code this > s}. */
    public Tensor max(double s) {
        return scalar(ScalarOp.MAX, s);
    }

    /** {@code min(this, s)}, elementwise; the gradient flows where {@code this < s}. */
    public Tensor min(double s) {
        return scalar(ScalarOp.MIN, s);
    }

    // ----- unary ----------------------------------------------------------------------------

    public Tensor neg() {
        return unary(ElementwiseFunctions.Unary.NEG);
    }

    public Tensor square() {
        return unary(ElementwiseFunctions.Unary.SQUARE);
    }

    public Tensor abs() {
        return unary(ElementwiseFunctions.Unary.ABS);
    }

    public Tensor exp() {
        return unary(ElementwiseFunctions.Unary.EXP);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return unary(ElementwiseFunctions.Unary.LOG);
    }

    public Tensor sqrt() {
        return unary(ElementwiseFunctions.Unary.SQRT);
    }

    /** The logistic function {@code 1 / (1 + e^-x)}, without overflow for any finite input. */
    public Tensor sigmoid() {
        return unary(ElementwiseFunctions.Unary.SIGMOID);
    }

    /** {@code log(1 + e^x)}, without overflow for any finite input; its derivative is the sigmoid. */
    public Tensor softplus() {
        return unary(ElementwiseFunctions.Unary.SOFTPLUS);
    }

    /** {@code tanh(x)} elementwise, {@code (e^x − e^−x) / (e^x + e^−x)}; its gradient is {@code 1 − tanh²(x)}. */
    public Tensor tanh() {
        return unary(ElementwiseFunctions.Unary.TANH);
    }

    /** {@code max(x, 0)} elementwise, the rectified linear unit; its gradient is 1 where x &gt; 0, else 0. */
    public Tensor relu() {
        return unary(ElementwiseFunctions.Unary.RELU);
    }

    /** The Gauss error function elementwise; its gradient is {@code 2/√π e^(−x²)}. */
    public Tensor erf() {
        return unary(ElementwiseFunctions.Unary.ERF);
    }

    /**
     * {@code x Φ(x)} elementwise, the Gaussian error linear unit in its exact form (PyTorch's
     * {@code nn.GELU()}, ONNX's {@code Gelu}); its gradient is {@code Φ(x) + x φ(x)}.
     */
    public Tensor gelu() {
        return unary(ElementwiseFunctions.Unary.GELU);
    }

    // ----- reductions -----------------------------------------------------------------------

    /** The sum of all elements, a scalar. */
    public Tensor sum() {
        Tensor out = ReductionFunctions.sum(this);
        return Autograd.tracks(this) ? Autograd.record(out, ReductionFunctions.SUM, this) : out;
    }

    /** Sums over dimension {@code axis}, which disappears from the shape ({@code (n, d).sum(0)} is {@code (d,)}). */
    public Tensor sum(int axis) {
        return Autograd.apply(new ReductionFunctions.SumAlong(shape.normalize(axis)), this);
    }

    /** The mean of all elements, a scalar. */
    public Tensor mean() {
        return sum().div(Math.max(1, shape.size()));
    }

    /** The mean over dimension {@code axis}, which disappears from the shape. */
    public Tensor mean(int axis) {
        return sum(axis).div(Math.max(1, shape.dim(axis)));
    }

    /** The largest element along {@code axis}, which disappears from the shape; ties share the gradient. */
    public Tensor maxAlong(int axis) {
        return Autograd.apply(new RowFunctions.MaxAlong(shape.normalize(axis)), this);
    }

    /**
     * {@code log Σ exp(this)} along {@code axis}, which disappears from the shape; shifted by the
     * maximum, so it stays finite for logits of any finite size.
     */
    public Tensor logSumExp(int axis) {
        return Autograd.apply(new RowFunctions.LogSumExp(shape.normalize(axis)), this);
    }

    /** {@code exp(this) / Σ exp(this)} along {@code axis}: each row a probability distribution. */
    public Tensor softmax(int axis) {
        return Autograd.apply(new RowFunctions.Softmax(shape.normalize(axis)), this);
    }

    /** {@code this − logSumExp(axis)}: the log of the softmax, computed without dividing. */
    public Tensor logSoftmax(int axis) {
        int a = shape.normalize(axis);
        return sub(logSumExp(a).reshape(shape.withDim(a, 1)));
    }

    /**
     * Each row's element at its index: {@code this[i, indices[i]]} for a matrix ({@code n × k}) and
     * {@code n} indices held as floats (class labels), shape {@code (n)} or {@code (n, 1)}. The
     * result has shape {@code (n)}; the gradient flows to this tensor only.
     */
    public Tensor pick(Tensor indices) {
        if (shape.rank() != 2 || indices.size() != shape.dim(0)) {
            throw new IllegalArgumentException("pick needs a matrix and one index per row, not " + shape + " and "
                    + indices.shape());
        }
        return Autograd.apply(RowFunctions.Pick.INSTANCE, this, indices);
    }

    /**
     * One row per label, 1 in the label's column and 0 elsewhere ({@code n × classes}), for labels
     * held as floats, shape {@code (n)} or {@code (n, 1)}; a label outside {@code 0 … classes − 1}
     * gives a row of zeros.
     */
    public static Tensor oneHot(Tensor labels, int classes) {
        return Autograd.apply(new RowFunctions.OneHot(classes), labels);
    }

    // ----- linear algebra and layout --------------------------------------------------------

    /** The matrix product of two rank-2 tensors, {@code (m, k) · (k, n) → (m, n)}. */
    public Tensor matmul(Tensor other) {
        Tensor out = LinearAlgebraFunctions.matmul(this, other);
        return Autograd.tracks(this, other) ? Autograd.record(out, LinearAlgebraFunctions.MATMUL, this, other) : out;
    }

    /**
     * {@code this · weights + bias}: a linear layer, {@code (m, k) · (k, n) + (n)}, as one function
     * with one result; the same values and gradients as {@code matmul(weights).add(bias)}.
     */
    public Tensor affine(Tensor weights, Tensor bias) {
        Tensor out = LinearAlgebraFunctions.affine(this, weights, bias);
        return Autograd.tracks(this, weights) || Autograd.tracks(bias)
                ? Autograd.record(out, LinearAlgebraFunctions.AFFINE, this, weights, bias) : out;
    }

    /** The transpose of a rank-2 tensor. */
    public Tensor transpose() {
        return Autograd.apply(LinearAlgebraFunctions.TRANSPOSE, this);
    }

    /** The same elements under another shape of the same size; shares memory with this tensor. */
    public Tensor reshape(Shape newShape) {
        if (newShape.equals(shape)) {
            return this;
        }
        Tensor out = LayoutFunctions.Reshape.compute(this, newShape);
        return Autograd.tracks(this) ? Autograd.record(out, new LayoutFunctions.Reshape(newShape), this) : out;
    }

    public Tensor reshape(int... dims) {
        return reshape(Shape.of(dims));
    }

    /** Rows {@code indices} of this tensor (along dimension 0), in that order: a minibatch. */
    public Tensor gatherRows(int[] indices) {
        return gatherRows(indices, 0, indices.length);
    }

    /** Rows {@code indices[from .. from + count)} of this tensor (along dimension 0), in that order. */
    public Tensor gatherRows(int[] indices, int from, int count) {
        Objects.checkFromIndexSize(from, count, indices.length);
        Tensor out = LayoutFunctions.GatherRows.compute(this, indices, from, count);
        if (!Autograd.tracks(this)) {
            return out;
        }
        // The backward needs the indices as they are now; the caller may reuse its array (a reshuffle).
        return Autograd.record(out, new LayoutFunctions.GatherRows(Arrays.copyOfRange(indices, from, from + count), 0,
                count), this);
    }

    /** A tensor sharing this one's values but cut off from gradient tracking. */
    public Tensor detach() {
        return new Tensor(device, buffer(), shape, false, true);
    }

    // ----- backward -------------------------------------------------------------------------

    /**
     * Computes the gradient of this scalar with respect to every parameter it depends on and adds
     * it into their {@link #grad()}. Gradients accumulate across calls until zeroed. A function whose
     * backward fails is named in the exception.
     */
    public void backward() {
        Autograd.backward(this);
    }

    // ----- in place, for optimizers ---------------------------------------------------------

    /** {@code this += alpha · x}, in place: the SGD update is {@code p.addScaledInPlace(-lr / n, p.grad())}. */
    public Tensor addScaledInPlace(double alpha, Tensor x) {
        requireSameShape(x, "addScaledInPlace");
        device.axpy((float) alpha, x.buffer(), buffer(), shape.size());
        return this;
    }

    /** {@code this *= s}, in place. */
    public Tensor mulInPlace(double s) {
        device.scalar(ScalarOp.MUL, buffer(), (float) s, buffer(), shape.size());   // an op of API 2.0
        return this;
    }

    /** Sets every element to {@code value}, in place. */
    public Tensor fillInPlace(double value) {
        device.fill(buffer(), (float) value);
        return this;
    }

    /** Overwrites the values with {@code values} (row-major), in place: loading saved parameters. */
    public Tensor assign(float[] values) {
        checkFills(values, shape);
        device.upload(values, buffer());
        return this;
    }

    /** Sets this parameter's gradient to zero. */
    public void zeroGrad() {
        if (isParameter) {
            device.fill(grad.buffer(), 0f);
        }
    }

    /** Releases the device memory (a no-op for tensors sharing another's memory). Idempotent. */
    @Override
    public void close() {
        if (buffer != null) {
            if (ownsBuffer) {
                device.release(buffer);
            }
            buffer = null;
        }
        if (isParameter) {
            grad.close();
        }
        function = null;
        inputs = null;
    }

    /** Shape and values, e.g. {@code Tensor(2, 1) [2.0003, -3.3996]}; long tensors are cut short. */
    @Override
    public String toString() {
        if (buffer == null) {
            return "Tensor" + shape + " (released)";
        }
        float[] v = toFloatArray();
        StringBuilder s = new StringBuilder("Tensor").append(shape).append(" [");
        int shown = Math.min(v.length, 8);
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format("%.4f", v[i]));
        }
        s.append(v.length > shown ? ", …]" : "]");
        return function == null ? s.toString() : s.append(" from ").append(function.name()).toString();
    }

    // ----- for the autograd engine and the built-in functions -------------------------------

    /*
     * Tensor's own operations compute their value straight from the function's kernel call and record
     * the function only when tracking, rather than going through Tensor.apply: the built-in forwards
     * use kernels only, so there is nothing to keep from recording, and the inputs array and a
     * parameterised function object are made only when a node is recorded. One minibatch step runs
     * about twenty of these; this keeps them as cheap as plain kernel calls.
     */

    private Tensor binary(ElementwiseFunctions.Binary function, Tensor other) {
        Tensor out = function.compute(this, other);
        return Autograd.tracks(this, other) ? Autograd.record(out, function, this, other) : out;
    }

    private Tensor scalar(ScalarOp op, double s) {
        Tensor out = scalarKernel(op, s);
        return Autograd.tracks(this) ? Autograd.record(out, new ElementwiseFunctions.Scalar(op, s), this) : out;
    }

    private Tensor unary(ElementwiseFunctions.Unary function) {
        Tensor out = unaryKernel(function.op());
        return Autograd.tracks(this) ? Autograd.record(out, function, this) : out;
    }

    private static void checkFills(float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
    }

    private void checkOpen() {
        if (buffer == null) {
            throw new IllegalStateException("tensor of shape " + shape + " was released (its TensorScope closed)");
        }
    }

    void checkSameDevice(Tensor other) {
        if (other.device != device) {
            throw new IllegalArgumentException("tensors on different devices: " + device.description()
                    + " and " + other.device.description());
        }
    }

    private void requireSameShape(Tensor x, String op) {
        checkSameDevice(x);
        if (!x.shape.equals(shape)) {
            throw new IllegalArgumentException(op + " needs equal shapes, got " + shape + " and " + x.shape);
        }
    }

    /** A new view of this tensor's memory under {@code newShape}, not owning it. */
    Tensor view(Shape newShape) {
        return new Tensor(device, buffer(), newShape, false, true);
    }

    /** {@code op(this, s)} straight from the kernel, never tracked: gradient masks inside a backward. */
    Tensor scalarKernel(ScalarOp op, double s) {
        Tensor out = result(device, shape);
        if (op.since == 0) {   // an op every device knows: no detour (OpDispatch decides for later ones)
            device.scalar(op, buffer(), (float) s, out.buffer, shape.size());
        } else {
            OpDispatch.scalar(device, op, buffer(), (float) s, out.buffer, shape.size());
        }
        return out;
    }

    /** {@code op(this)} straight from the kernel, never tracked. */
    Tensor unaryKernel(UnaryOp op) {
        Tensor out = result(device, shape);
        if (op.since == 0) {   // an op every device knows: no detour (OpDispatch decides for later ones)
            device.unary(op, buffer(), out.buffer, shape.size());
        } else {
            OpDispatch.unary(device, op, buffer(), out.buffer, shape.size());
        }
        return out;
    }

    /** This gradient summed down to {@code target}, undoing a broadcast. */
    Tensor sumTo(Shape target) {
        if (shape.equals(target)) {
            return this;
        }
        if (!target.broadcastsTo(shape)) {
            throw new IllegalStateException("cannot sum " + shape + " down to " + target);
        }
        Tensor out = result(device, target);
        device.reduceSum(buffer(), shape, out.buffer, target);
        return out;
    }

    /** This tensor broadcast up to {@code target}. */
    Tensor expandTo(Shape target) {
        Tensor out = result(device, target);   // zeros
        device.binary(BinaryOp.ADD, out.buffer, target, buffer(), shape, out.buffer, target);   // an op of API 2.0
        return out;
    }

    /** Adds {@code g} to this tensor's gradient: in place for a parameter, by a new tensor otherwise. */
    void accumulate(Tensor g) {
        if (!requiresGrad) {
            return;
        }
        if (isParameter) {
            device.axpy(1f, g.buffer(), grad.buffer(), shape.size());
        } else {
            grad = grad == null ? g : grad.add(g);
        }
    }

    /** Adds {@code op(a) · op(b)} ({@code m × n}, inner {@code k}) to this tensor's gradient. */
    void accumulateProduct(Tensor a, boolean ta, Tensor b, boolean tb, int m, int n, int k) {
        if (!requiresGrad) {
            return;
        }
        if (isParameter) {
            device.matmul(a.buffer(), ta, b.buffer(), tb, grad.buffer(), m, n, k, true);
        } else {
            Tensor product = result(device, shape);
            device.matmul(a.buffer(), ta, b.buffer(), tb, product.buffer, m, n, k, false);
            accumulate(product);
        }
    }
}
