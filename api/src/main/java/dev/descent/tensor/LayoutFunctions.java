package dev.descent.tensor;

import java.util.List;

/** Functions that move elements without arithmetic: reshape and row gathers. */
final class LayoutFunctions {

    private LayoutFunctions() {
    }

    /** The same elements under another shape: a view sharing the input's memory. */
    static final class Reshape implements TensorFunction {
        private final Shape newShape;

        Reshape(Shape newShape) {
            this.newShape = newShape;
        }

        @Override
        public String name() {
            return "reshape";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return compute(inputs[0], newShape);
        }

        /** A view of {@code x} under {@code newShape}. */
        static Tensor compute(Tensor x, Shape newShape) {
            if (newShape.size() != x.size()) {
                throw new IllegalArgumentException("cannot reshape " + x.shape() + " (" + x.size() + " elements) to "
                        + newShape + " (" + newShape.size() + " elements)");
            }
            return x.view(newShape);
        }

        @Override
        public void backward(Gradients g) {
            g.add(0, g.outputGrad().reshape(g.input(0).shape()));
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("reshape", x -> x.get(0).reshape(2, 3).mul(x.get(0).reshape(2, 3)), -2, 2,
                    Shape.of(3, 2)));
        }
    }

    /** Rows {@code indices[from .. from + count)} along dimension 0; the gradient is scattered back, repeats added. */
    static final class GatherRows implements TensorFunction {
        private final int[] indices;
        private final int from;
        private final int count;

        GatherRows(int[] indices, int from, int count) {
            this.indices = indices;
            this.from = from;
            this.count = count;
        }

        @Override
        public String name() {
            return "gather-rows";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return compute(inputs[0], indices, from, count);
        }

        /** Rows {@code indices[from .. from + count)} of {@code x}, straight from the device's kernel. */
        static Tensor compute(Tensor x, int[] indices, int from, int count) {
            Shape shape = x.shape();
            if (shape.rank() == 0) {
                throw new IllegalArgumentException("gatherRows needs a tensor of rank 1 or more");
            }
            int rows = shape.dim(0);
            for (int i = from; i < from + count; i++) {
                if (indices[i] < 0 || indices[i] >= rows) {
                    throw new IndexOutOfBoundsException("row " + indices[i] + " is out of range for shape " + shape);
                }
            }
            Tensor out = Tensor.result(x.device(), shape.withDim(0, count));
            x.device().gatherRows(x.buffer(), columns(shape), indices, from, count, out.buffer());
            return out;
        }

        @Override
        public void backward(Gradients g) {
            Tensor x = g.input(0);
            Tensor scattered = Tensor.zeros(x.device(), x.shape());
            x.device().scatterAddRows(g.outputGrad().buffer(), columns(x.shape()), indices, from, count,
                    scattered.buffer());
            g.add(0, scattered);
        }

        private static int columns(Shape shape) {
            int rows = shape.dim(0);
            return rows == 0 ? 0 : shape.size() / rows;
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("gather rows, some twice", x -> x.get(0).gatherRows(new int[] {2, 0, 2})
                    .square(), -2, 2, Shape.of(3, 2)));
        }
    }
}
