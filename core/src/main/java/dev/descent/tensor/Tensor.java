package dev.descent.tensor;

import dev.descent.api.BinaryOp;
import dev.descent.api.Device;
import dev.descent.api.DeviceBuffer;
import dev.descent.api.ScalarOp;
import dev.descent.api.UnaryOp;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A float32 array with a {@link Shape}, held in a {@link Device}'s memory, that records how it was
 * computed so that {@link #backward()} can compute gradients.
 *
 * <p>Operations return new tensors and never change their inputs. When gradient tracking is on
 * ({@link GradMode}) and any input {@linkplain #requiresGrad() requires a gradient}, the result
 * records a backward step; {@code loss.sum().backward()} then runs those steps in reverse order and
 * adds {@code ∂loss/∂p} into {@link #grad()} of every parameter {@code p}. So a plugin author
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

    /** How a result's gradient flows to its inputs; runs with gradient tracking off. */
    @FunctionalInterface
    private interface BackwardStep {
        void propagate(Tensor outputGrad);
    }

    private final Device device;
    private final Shape shape;
    private final boolean ownsBuffer;
    private DeviceBuffer buffer;

    private boolean requiresGrad;
    /** A trainable leaf made by {@link #parameter}: its gradient accumulates in place and persists. */
    private boolean isParameter;
    /** For a parameter: its gradient, allocated with it. For an intermediate: the gradient during backward(). */
    private Tensor grad;
    /** The tensors this one was computed from (an operation has one or two), while it is tracked. */
    private Tensor input0;
    private Tensor input1;
    private BackwardStep backwardStep;
    /** The stamp of the last {@link #topologicalOrder} walk that reached this tensor. */
    private long visit;

    private static final AtomicLong VISITS = new AtomicLong();

    private Tensor(Device device, DeviceBuffer buffer, Shape shape, boolean ownsBuffer, boolean scoped) {
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
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
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
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
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
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
        Tensor t = new Tensor(device, device.allocate(shape.size()), shape, true, false);
        device.upload(values, t.buffer);
        t.requiresGrad = true;
        t.isParameter = true;
        t.grad = new Tensor(device, device.allocate(shape.size()), shape, true, false);
        return t;
    }

    // ----- properties -----------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    public Device device() {
        return device;
    }

    /** The buffer behind this tensor, for device implementations and tests. */
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
        Tensor out = binary(BinaryOp.ADD, other);
        if (tracks(this, other)) {
            Tensor a = this;
            out.record(g -> {
                a.accumulate(g.sumTo(a.shape));
                other.accumulate(g.sumTo(other.shape));
            }, this, other);
        }
        return out;
    }

    public Tensor sub(Tensor other) {
        Tensor out = binary(BinaryOp.SUB, other);
        if (tracks(this, other)) {
            Tensor a = this;
            out.record(g -> {
                a.accumulate(g.sumTo(a.shape));
                if (other.requiresGrad) {
                    other.accumulate(g.neg().sumTo(other.shape));
                }
            }, this, other);
        }
        return out;
    }

    public Tensor mul(Tensor other) {
        Tensor out = binary(BinaryOp.MUL, other);
        if (tracks(this, other)) {
            Tensor a = this;
            out.record(g -> {
                if (a.requiresGrad) {
                    a.accumulate(g.mul(other).sumTo(a.shape));
                }
                if (other.requiresGrad) {
                    other.accumulate(g.mul(a).sumTo(other.shape));
                }
            }, this, other);
        }
        return out;
    }

    public Tensor div(Tensor other) {
        Tensor out = binary(BinaryOp.DIV, other);
        if (tracks(this, other)) {
            Tensor a = this;
            out.record(g -> {
                if (a.requiresGrad) {
                    a.accumulate(g.div(other).sumTo(a.shape));
                }
                if (other.requiresGrad) {
                    // d(a/b)/db = -(a/b)/b
                    other.accumulate(g.mul(out).div(other).neg().sumTo(other.shape));
                }
            }, this, other);
        }
        return out;
    }

    // ----- scalar variants ------------------------------------------------------------------

    public Tensor add(double s) {
        Tensor out = scalarOp(ScalarOp.ADD, s);
        if (tracks(this)) {
            out.record(this::accumulate, this);
        }
        return out;
    }

    public Tensor sub(double s) {
        return add(-s);
    }

    public Tensor mul(double s) {
        Tensor out = scalarOp(ScalarOp.MUL, s);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(s)), this);
        }
        return out;
    }

    public Tensor div(double s) {
        return mul(1.0 / s);
    }

    /** {@code s - this}. */
    public Tensor reverseSub(double s) {
        Tensor out = scalarOp(ScalarOp.REVERSE_SUB, s);
        if (tracks(this)) {
            out.record(g -> accumulate(g.neg()), this);
        }
        return out;
    }

    /** {@code s / this}. */
    public Tensor reverseDiv(double s) {
        Tensor out = scalarOp(ScalarOp.REVERSE_DIV, s);
        if (tracks(this)) {
            // d(s/x)/dx = -(s/x)/x
            out.record(g -> accumulate(g.mul(out).div(this).neg()), this);
        }
        return out;
    }

    /** {@code this ^ p}, elementwise. */
    public Tensor pow(double p) {
        Tensor out = scalarOp(ScalarOp.POW, p);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(scalarOp(ScalarOp.POW, p - 1)).mul(p)), this);
        }
        return out;
    }

    /** {@code max(this, s)}, elementwise; the gradient flows where {@code this > s}. */
    public Tensor max(double s) {
        Tensor out = scalarOp(ScalarOp.MAX, s);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(scalarOp(ScalarOp.GREATER, s))), this);
        }
        return out;
    }

    /** {@code min(this, s)}, elementwise; the gradient flows where {@code this < s}. */
    public Tensor min(double s) {
        Tensor out = scalarOp(ScalarOp.MIN, s);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(scalarOp(ScalarOp.LESS, s))), this);
        }
        return out;
    }

    // ----- unary ----------------------------------------------------------------------------

    public Tensor neg() {
        Tensor out = unary(UnaryOp.NEG);
        if (tracks(this)) {
            out.record(g -> accumulate(g.neg()), this);
        }
        return out;
    }

    public Tensor square() {
        Tensor out = unary(UnaryOp.SQUARE);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(this).mul(2)), this);
        }
        return out;
    }

    public Tensor abs() {
        Tensor out = unary(UnaryOp.ABS);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(unary(UnaryOp.SIGN))), this);
        }
        return out;
    }

    public Tensor exp() {
        Tensor out = unary(UnaryOp.EXP);
        if (tracks(this)) {
            out.record(g -> accumulate(g.mul(out)), this);
        }
        return out;
    }

    /** The natural logarithm. */
    public Tensor log() {
        Tensor out = unary(UnaryOp.LOG);
        if (tracks(this)) {
            out.record(g -> accumulate(g.div(this)), this);
        }
        return out;
    }

    public Tensor sqrt() {
        Tensor out = unary(UnaryOp.SQRT);
        if (tracks(this)) {
            out.record(g -> accumulate(g.div(out).mul(0.5)), this);
        }
        return out;
    }

    // ----- reductions -----------------------------------------------------------------------

    /** The sum of all elements, a scalar. */
    public Tensor sum() {
        Tensor out = reduced(Shape.SCALAR, Shape.SCALAR);
        if (tracks(this)) {
            out.record(g -> accumulate(g.expandTo(shape)), this);
        }
        return out;
    }

    /** Sums over dimension {@code axis}, which disappears from the shape ({@code (n, d).sum(0)} is {@code (d,)}). */
    public Tensor sum(int axis) {
        Shape kept = shape.withDim(axis, 1);
        Tensor out = reduced(kept, shape.withoutDim(axis));
        if (tracks(this)) {
            out.record(g -> accumulate(g.reshape(kept).expandTo(shape)), this);
        }
        return out;
    }

    /** The mean of all elements, a scalar. */
    public Tensor mean() {
        return sum().div(Math.max(1, shape.size()));
    }

    /** The mean over dimension {@code axis}, which disappears from the shape. */
    public Tensor mean(int axis) {
        return sum(axis).div(Math.max(1, shape.dim(axis)));
    }

    // ----- linear algebra and layout --------------------------------------------------------

    /** The matrix product of two rank-2 tensors, {@code (m, k) · (k, n) → (m, n)}. */
    public Tensor matmul(Tensor other) {
        if (shape.rank() != 2 || other.shape.rank() != 2 || shape.dim(1) != other.shape.dim(0)) {
            throw new IllegalArgumentException("matmul needs (m, k) · (k, n), got " + shape + " · " + other.shape);
        }
        int m = shape.dim(0);
        int k = shape.dim(1);
        int n = other.shape.dim(1);
        Tensor out = result(Shape.of(m, n));
        device.matmul(buffer(), false, other.buffer(), false, out.buffer, m, n, k, false);
        if (tracks(this, other)) {
            Tensor a = this;
            out.record(g -> {
                if (a.requiresGrad) {
                    a.accumulateProduct(g, false, other, true, m, k, n);   // dA = G · Bᵀ
                }
                if (other.requiresGrad) {
                    other.accumulateProduct(a, true, g, false, k, n, m);   // dB = Aᵀ · G
                }
            }, this, other);
        }
        return out;
    }

    /** The same elements under another shape of the same size; shares memory with this tensor. */
    public Tensor reshape(Shape newShape) {
        if (newShape.equals(shape)) {
            return this;
        }
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + shape.size()
                    + " elements) to " + newShape + " (" + newShape.size() + " elements)");
        }
        Tensor out = new Tensor(device, buffer(), newShape, false, true);
        if (tracks(this)) {
            out.record(g -> accumulate(g.reshape(shape)), this);
        }
        return out;
    }

    public Tensor reshape(int... dims) {
        return reshape(Shape.of(dims));
    }

    /** The transpose of a rank-2 tensor. */
    public Tensor transpose() {
        if (shape.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a rank-2 tensor, got shape " + shape);
        }
        int rows = shape.dim(0);
        int cols = shape.dim(1);
        Tensor out = result(Shape.of(cols, rows));
        device.transpose(buffer(), rows, cols, out.buffer);
        if (tracks(this)) {
            out.record(g -> accumulate(g.transpose()), this);
        }
        return out;
    }

    /** Rows {@code indices} of this tensor (along dimension 0), in that order: a minibatch. */
    public Tensor gatherRows(int[] indices) {
        return gatherRows(indices, 0, indices.length);
    }

    /** Rows {@code indices[from .. from + count)} of this tensor (along dimension 0), in that order. */
    public Tensor gatherRows(int[] indices, int from, int count) {
        if (shape.rank() == 0) {
            throw new IllegalArgumentException("gatherRows needs a tensor of rank 1 or more");
        }
        Objects.checkFromIndexSize(from, count, indices.length);
        int rows = shape.dim(0);
        for (int i = from; i < from + count; i++) {
            if (indices[i] < 0 || indices[i] >= rows) {
                throw new IndexOutOfBoundsException("row " + indices[i] + " is out of range for shape " + shape);
            }
        }
        int cols = rows == 0 ? 0 : shape.size() / rows;
        Tensor out = result(shape.withDim(0, count));
        device.gatherRows(buffer(), cols, indices, from, count, out.buffer);
        if (tracks(this)) {
            int[] picked = Arrays.copyOfRange(indices, from, from + count);
            out.record(g -> {
                Tensor scattered = zeros(device, shape);
                device.scatterAddRows(g.buffer(), cols, picked, 0, count, scattered.buffer);
                accumulate(scattered);
            }, this);
        }
        return out;
    }

    /** A tensor sharing this one's values but cut off from gradient tracking. */
    public Tensor detach() {
        return new Tensor(device, buffer(), shape, false, true);
    }

    // ----- backward -------------------------------------------------------------------------

    /**
     * Computes the gradient of this scalar with respect to every parameter it depends on and adds
     * it into their {@link #grad()}. Gradients accumulate across calls until zeroed.
     */
    public void backward() {
        if (shape.size() != 1) {
            throw new IllegalStateException("backward() needs a scalar, not shape " + shape
                    + "; reduce first, e.g. loss.sum().backward()");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not depend on any parameter");
        }
        Tensor[] order = topologicalOrder();
        try (GradMode off = GradMode.disable()) {
            accumulate(full(device, shape, 1f));
            for (int i = order.length - 1; i >= 0; i--) {
                Tensor t = order[i];
                Tensor g = t == null ? null : t.grad;
                if (g != null && t.backwardStep != null) {
                    t.grad = null;
                    t.backwardStep.propagate(g);
                }
            }
        }
    }

    /**
     * Every tensor this one was computed from, each after all its inputs (inputs first); the
     * array's unused slots at the end are null.
     */
    private Tensor[] topologicalOrder() {
        // An iterative depth-first search; a tensor is visited once per call, marked with this call's
        // stamp instead of being put in a set (a step's graph is ~15 tensors, walked 100,000 times in W2).
        long stamp = VISITS.incrementAndGet();
        Tensor[] order = new Tensor[16];
        int count = 0;
        Tensor[] stack = new Tensor[16];
        int[] next = new int[16];   // which input of stack[d] to visit next: 0, 1, then none
        int depth = 0;
        stack[0] = this;
        visit = stamp;
        while (depth >= 0) {
            Tensor t = stack[depth];
            int i = next[depth]++;
            Tensor child = i == 0 ? t.input0 : i == 1 ? t.input1 : null;
            if (child != null) {
                if (child.requiresGrad && child.visit != stamp) {
                    child.visit = stamp;
                    if (++depth == stack.length) {
                        stack = Arrays.copyOf(stack, depth * 2);
                        next = Arrays.copyOf(next, depth * 2);
                    }
                    stack[depth] = child;
                    next[depth] = 0;
                }
            } else if (i >= 1) {
                if (count == order.length) {
                    order = Arrays.copyOf(order, count * 2);
                }
                order[count++] = t;
                depth--;
            }
        }
        return order;
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
        device.scalar(ScalarOp.MUL, buffer(), (float) s, buffer(), shape.size());
        return this;
    }

    /** Sets every element to {@code value}, in place. */
    public Tensor fillInPlace(double value) {
        device.fill(buffer(), (float) value);
        return this;
    }

    /** Overwrites the values with {@code values} (row-major), in place: loading saved parameters. */
    public Tensor assign(float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
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
        input0 = null;
        input1 = null;
        backwardStep = null;
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
        return s.append(v.length > shown ? ", …]" : "]").toString();
    }

    // ----- internals ------------------------------------------------------------------------

    private void checkOpen() {
        if (buffer == null) {
            throw new IllegalStateException("tensor of shape " + shape + " was released (its TensorScope closed)");
        }
    }

    private void checkSameDevice(Tensor other) {
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

    private Tensor result(Shape outShape) {
        return new Tensor(device, device.allocate(outShape.size()), outShape, true, true);
    }

    private Tensor binary(BinaryOp op, Tensor other) {
        checkSameDevice(other);
        Shape outShape = Shape.broadcast(shape, other.shape);
        Tensor out = result(outShape);
        device.binary(op, buffer(), shape, other.buffer(), other.shape, out.buffer, outShape);
        return out;
    }

    private Tensor scalarOp(ScalarOp op, double s) {
        Tensor out = result(shape);
        device.scalar(op, buffer(), (float) s, out.buffer, shape.size());
        return out;
    }

    private Tensor unary(UnaryOp op) {
        Tensor out = result(shape);
        device.unary(op, buffer(), out.buffer, shape.size());
        return out;
    }

    /** Sums over {@code keptShape}'s unit dimensions, then views the result as {@code outShape}. */
    private Tensor reduced(Shape keptShape, Shape outShape) {
        Tensor out = result(outShape);
        device.reduceSum(buffer(), shape, out.buffer, keptShape);
        return out;
    }

    /** This gradient summed down to {@code target}, undoing a broadcast. */
    private Tensor sumTo(Shape target) {
        if (shape.equals(target)) {
            return this;
        }
        if (!target.broadcastsTo(shape)) {
            throw new IllegalStateException("cannot sum " + shape + " down to " + target);
        }
        Tensor out = result(target);
        device.reduceSum(buffer(), shape, out.buffer, target);
        return out;
    }

    /** This tensor broadcast up to {@code target}. */
    private Tensor expandTo(Shape target) {
        Tensor out = result(target);   // zeros
        device.binary(BinaryOp.ADD, out.buffer, target, buffer(), shape, out.buffer, target);
        return out;
    }

    /** Whether an operation on {@code source} records a backward step: tracking is on and it needs a gradient. */
    private static boolean tracks(Tensor source) {
        return source.requiresGrad && GradMode.isEnabled();
    }

    private static boolean tracks(Tensor a, Tensor b) {
        return (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled();
    }

    private void record(BackwardStep step, Tensor from) {
        record(step, from, null);
    }

    private void record(BackwardStep step, Tensor from, Tensor alsoFrom) {
        requiresGrad = true;
        backwardStep = step;
        input0 = from;
        input1 = alsoFrom;
    }

    /** Adds {@code g} to this tensor's gradient: in place for a parameter, by a new tensor otherwise. */
    private void accumulate(Tensor g) {
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
    private void accumulateProduct(Tensor a, boolean ta, Tensor b, boolean tb, int m, int n, int k) {
        if (isParameter) {
            device.matmul(a.buffer(), ta, b.buffer(), tb, grad.buffer(), m, n, k, true);
        } else {
            Tensor product = result(shape);
            device.matmul(a.buffer(), ta, b.buffer(), tb, product.buffer, m, n, k, false);
            accumulate(product);
        }
    }
}
