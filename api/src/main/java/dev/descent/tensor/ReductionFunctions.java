package dev.descent.tensor;

import java.util.List;

/** Sums: over every element, or along one dimension. */
final class ReductionFunctions {

    private ReductionFunctions() {
    }

    /** The sum of all elements, a scalar; its gradient is the result's broadcast back. */
    static final TensorFunction SUM = new TensorFunction() {
        @Override
        public String name() {
            return "sum";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return sum(inputs[0]);
        }

        @Override
        public void backward(Gradients g) {
            g.add(0, g.outputGrad().expandTo(g.input(0).shape()));
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of(this, -2, 2, Shape.of(3, 2)),
                    GradientCase.of("mean", x -> x.get(0).mean(), -2, 2, Shape.of(3, 2)));
        }
    };

    /** The sum of all of {@code x}, straight from the device's kernel. */
    static Tensor sum(Tensor x) {
        Tensor out = Tensor.result(x.device(), Shape.SCALAR);
        x.device().reduceSum(x.buffer(), x.shape(), out.buffer(), Shape.SCALAR);
        return out;
    }

    /** The sum along dimension {@code axis}, which disappears from the shape. */
    static final class SumAlong implements TensorFunction {
        private final int axis;

        SumAlong(int axis) {
            this.axis = axis;
        }

        @Override
        public String name() {
            return "sum-along";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            Tensor out = Tensor.result(x.device(), x.shape().withoutDim(axis));
            x.device().reduceSum(x.buffer(), x.shape(), out.buffer(), x.shape().withDim(axis, 1));
            return out;
        }

        @Override
        public void backward(Gradients g) {
            Shape shape = g.input(0).shape();
            g.add(0, g.outputGrad().reshape(shape.withDim(axis, 1)).expandTo(shape));
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("sum along axis 0", x -> x.get(0).sum(0), -2, 2, Shape.of(3, 2)),
                    GradientCase.of("sum along axis 1", x -> x.get(0).sum(1), -2, 2, Shape.of(3, 2)),
                    GradientCase.of("mean along axis 0", x -> x.get(0).mean(0), -2, 2, Shape.of(3, 2)));
        }
    }
}
