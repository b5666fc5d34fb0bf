package dev.descent.tensor;

import java.util.List;

/**
 * The functions classification needs, along one dimension of a tensor (a row of logits): the
 * maximum, a log-sum-exp and a softmax that cannot overflow, picking one element per row by index,
 * and one-hot rows.
 */
final class RowFunctions {

    private RowFunctions() {
    }

    /** The shape of {@code x} with dimension {@code axis} kept as 1: where a row's result broadcasts back. */
    private static Shape kept(Tensor x, int axis) {
        return x.shape().withDim(axis, 1);
    }

    /** The maximum along {@code axis}, straight from the device's kernel; the dimension stays, as 1. */
    private static Tensor maxKept(Tensor x, int axis) {
        Shape kept = kept(x, axis);
        Tensor out = Tensor.result(x.device(), kept);
        x.device().reduceMax(x.buffer(), x.shape(), out.buffer(), kept);
        return out;
    }

    /** Offsets that keep every row's elements 4.5 apart, its largest in a different column per row. */
    private static Tensor separated(Tensor x) {
        float[] offsets = {0, 4.5f, 9, 13.5f, 9, 0, 13.5f, 4.5f, 13.5f, 4.5f, 0, 9};
        return x.add(Tensor.of(x.device(), offsets, Shape.of(3, 4)));
    }

    /** The largest element along {@code axis}, which disappears; the gradient goes to the maxima, shared by ties. */
    static final class MaxAlong implements TensorFunction {
        private final int axis;

        MaxAlong(int axis) {
            this.axis = axis;
        }

        @Override
        public String name() {
            return "max-along";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            return maxKept(x, axis).reshape(x.shape().withoutDim(axis));
        }

        @Override
        public void backward(Gradients g) {
            Tensor x = g.input(0);
            Shape kept = kept(x, axis);
            Tensor isMax = equal(x, g.output().reshape(kept));
            Tensor ties = isMax.sum(axis).reshape(kept);
            g.add(0, g.outputGrad().reshape(kept).mul(isMax).div(ties));
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(
                    GradientCase.of("max along axis 1", x -> separated(x.get(0)).maxAlong(1), -2, 2, Shape.of(3, 4)),
                    GradientCase.of("max along axis 0", x -> separated(x.get(0)).maxAlong(0), -2, 2, Shape.of(3, 4)));
        }
    }

    /**
     * {@code log Σ exp(x)} along {@code axis}, which disappears: computed as {@code m + log Σ exp(x − m)}
     * with {@code m} the maximum, so logits of ±10⁴ give finite results. Its gradient is the softmax.
     */
    static final class LogSumExp implements TensorFunction {
        private final int axis;

        LogSumExp(int axis) {
            this.axis = axis;
        }

        @Override
        public String name() {
            return "log-sum-exp";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            Tensor m = maxKept(x, axis);
            return x.sub(m).exp().sum(axis).log().add(m.reshape(x.shape().withoutDim(axis)));
        }

        @Override
        public void backward(Gradients g) {
            Tensor x = g.input(0);
            Shape kept = kept(x, axis);
            g.add(0, g.outputGrad().reshape(kept).mul(x.sub(g.output().reshape(kept)).exp()));
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("log-sum-exp along axis 1", x -> x.get(0).logSumExp(1), -3, 3, Shape.of(3, 4)),
                    GradientCase.of("log-sum-exp along axis 0", x -> x.get(0).logSumExp(0), -3, 3, Shape.of(3, 4)),
                    GradientCase.of("log-sum-exp of large logits", x -> x.get(0).mul(1e3).logSumExp(1).div(1e3),
                            -3, 3, Shape.of(2, 3)));
        }
    }

    /** {@code exp(x) / Σ exp(x)} along {@code axis}, shifted by the maximum so it cannot overflow. */
    static final class Softmax implements TensorFunction {
        private final int axis;

        Softmax(int axis) {
            this.axis = axis;
        }

        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            Tensor e = x.sub(maxKept(x, axis)).exp();
            return e.div(e.sum(axis).reshape(kept(x, axis)));
        }

        @Override
        public void backward(Gradients g) {
            Tensor s = g.output();
            Tensor gs = g.outputGrad().mul(s);
            g.add(0, gs.sub(s.mul(gs.sum(axis).reshape(kept(s, axis)))));
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("softmax along axis 1", x -> x.get(0).softmax(1), -3, 3, Shape.of(3, 4)),
                    GradientCase.of("softmax along axis 0", x -> x.get(0).softmax(0), -3, 3, Shape.of(3, 4)));
        }
    }

    /**
     * {@code x[i, index[i]]} for a matrix {@code x} ({@code n × k}) and {@code n} indices held as
     * floats (class labels), shape {@code (n)} or {@code (n, 1)}: each row's element at its index,
     * shape {@code (n)}. The gradient flows to {@code x} only; an index is not differentiable.
     */
    static final class Pick implements TensorFunction {
        static final Pick INSTANCE = new Pick();

        @Override
        public String name() {
            return "pick";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            int n = x.shape().dim(0);
            int[] elements = elements(x, inputs[1]);
            if (elements == null) {
                return x.mul(oneHot(inputs[1], x.shape().dim(1))).sum(1);
            }
            Tensor out = Tensor.result(x.device(), Shape.of(n));
            x.device().gatherRows(x.buffer(), 1, elements, 0, n, out.buffer());
            return out;
        }

        @Override
        public void backward(Gradients g) {
            Tensor x = g.input(0);
            int n = x.shape().dim(0);
            int[] elements = elements(x, g.input(1));
            if (elements == null) {
                g.add(0, g.outputGrad().reshape(n, 1).mul(oneHot(g.input(1), x.shape().dim(1))));
                return;
            }
            Tensor scattered = Tensor.zeros(x.device(), x.shape());
            x.device().scatterAddRows(g.outputGrad().buffer(), 1, elements, 0, n, scattered.buffer());
            g.add(0, scattered);
        }

        /**
         * Where each row's picked element is in {@code x}'s buffer, {@code i · k + index[i]}: the
         * gather (and, backwards, the scatter) of one element per row, one pass over {@code n} values
         * instead of a one-hot matrix; null when an index is not one of {@code 0 … k − 1} (that row
         * picks 0, through the one-hot path, which gives the same bits for the others).
         */
        private static int[] elements(Tensor x, Tensor indices) {
            int k = x.shape().dim(1);
            float[] labels = indices.toFloatArray();
            int[] elements = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                float label = labels[i];
                int column = (int) label;
                if (column != label || column < 0 || column >= k) {
                    return null;
                }
                elements[i] = i * k + column;
            }
            return elements;
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("pick", x -> x.get(0).pick(
                    Tensor.of(x.get(0).device(), new float[] {2, 0, 3}, Shape.of(3))), -2, 2, Shape.of(3, 4)));
        }
    }

    /**
     * Row {@code i} is 1 in column {@code labels[i]} and 0 elsewhere ({@code n × classes}); a label
     * that is not one of {@code 0 … classes − 1} gives a row of zeros. Piecewise constant: its
     * gradient is zero.
     */
    static final class OneHot implements TensorFunction {
        private final int classes;

        OneHot(int classes) {
            this.classes = classes;
        }

        @Override
        public String name() {
            return "one-hot";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return oneHot(inputs[0], classes);
        }

        @Override
        public void backward(Gradients g) {
            // Zero almost everywhere: nothing to add.
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of(this, -2, 2, Shape.of(3)));
        }
    }

    static Tensor oneHot(Tensor labels, int classes) {
        int n = labels.shape().rank() == 0 ? 1 : labels.shape().dim(0);
        if (labels.shape().size() != n) {
            throw new IllegalArgumentException("one-hot needs one label per row, shape (n) or (n, 1), not "
                    + labels.shape());
        }
        float[] columns = new float[classes];
        for (int c = 0; c < classes; c++) {
            columns[c] = c;
        }
        return equal(labels.reshape(n, 1), Tensor.of(labels.device(), columns, Shape.of(1, classes)));
    }

    /** 1 where {@code a == b} (broadcast), else 0; untracked. */
    static Tensor equal(Tensor a, Tensor b) {
        a.checkSameDevice(b);
        Shape outShape = Shape.broadcast(a.shape(), b.shape());
        Tensor out = Tensor.result(a.device(), outShape);
        a.device().binary(BinaryOp.EQUAL, a.buffer(), a.shape(), b.buffer(), b.shape(), out.buffer(), outShape);
        return out;
    }
}
