package dev.descent.tensor;

import java.util.List;

/** Matrix product and transpose of rank-2 tensors. */
final class LinearAlgebraFunctions {

    private LinearAlgebraFunctions() {
    }

    /** {@code (m, k) · (k, n) → (m, n)}; the gradients are {@code G · Bᵀ} and {@code Aᵀ · G}, added in place. */
    static final TensorFunction MATMUL = new TensorFunction() {
        @Override
        public String name() {
            return "matmul";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return matmul(inputs[0], inputs[1]);
        }

        @Override
        public void backward(Gradients g) {
            Tensor a = g.input(0);
            Tensor b = g.input(1);
            int m = a.shape().dim(0);
            int k = a.shape().dim(1);
            int n = b.shape().dim(1);
            if (g.needs(0)) {
                g.addProduct(0, g.outputGrad(), false, b, true, m, k, n);   // dA = G · Bᵀ
            }
            if (g.needs(1)) {
                g.addProduct(1, a, true, g.outputGrad(), false, k, n, m);   // dB = Aᵀ · G
            }
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of(this, -2, 2, Shape.of(3, 2), Shape.of(2, 4)));
        }
    };

    /**
     * {@code x · w + b}, {@code (m, k) · (k, n) + (n)}: a linear model's output as one function. The
     * bias is added into the product in place, so a forward pass makes one {@code m × n} result
     * instead of two (over a whole data set, as for the epoch's loss, that is memory never touched
     * before, which costs more here than the arithmetic); the values and gradients are those of
     * {@code x.matmul(w).add(b)}, bit for bit.
     */
    static final TensorFunction AFFINE = new TensorFunction() {
        @Override
        public String name() {
            return "affine";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return affine(inputs[0], inputs[1], inputs[2]);
        }

        @Override
        public void backward(Gradients g) {
            MATMUL.backward(g);   // dX = G · Wᵀ and dW = Xᵀ · G, inputs 0 and 1 being the product's
            if (g.needs(2)) {
                g.add(2, g.outputGrad());   // db = G summed over the rows
            }
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of(this, -2, 2, Shape.of(3, 2), Shape.of(2, 4), Shape.of(4)),
                    GradientCase.of(this, -2, 2, Shape.of(5, 3), Shape.of(3, 1), Shape.of(1)));
        }
    };

    /** {@code x · w + b}, from the device's product and its elementwise add, in place. */
    static Tensor affine(Tensor x, Tensor w, Tensor b) {
        Tensor out = matmul(x, w);
        x.checkSameDevice(b);
        if (!Shape.broadcast(out.shape(), b.shape()).equals(out.shape())) {
            throw new IllegalArgumentException("affine needs a bias that broadcasts over the rows of " + out.shape()
                    + ", got " + b.shape());
        }
        out.device().binary(BinaryOp.ADD, out.buffer(), out.shape(), b.buffer(), b.shape(), out.buffer(), out.shape());
        return out;
    }

    /** {@code a · b}, straight from the device's kernel. */
    static Tensor matmul(Tensor a, Tensor b) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (as.rank() != 2 || bs.rank() != 2 || as.dim(1) != bs.dim(0)) {
            throw new IllegalArgumentException("matmul needs (m, k) · (k, n), got " + as + " · " + bs);
        }
        a.checkSameDevice(b);
        int m = as.dim(0);
        int k = as.dim(1);
        int n = bs.dim(1);
        Tensor out = Tensor.result(a.device(), Shape.of(m, n));
        a.device().matmul(a.buffer(), false, b.buffer(), false, out.buffer(), m, n, k, false);
        return out;
    }

    /** {@code (r, c) → (c, r)}. */
    static final TensorFunction TRANSPOSE = new TensorFunction() {
        @Override
        public String name() {
            return "transpose";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            if (x.shape().rank() != 2) {
                throw new IllegalArgumentException("transpose needs a rank-2 tensor, got shape " + x.shape());
            }
            int rows = x.shape().dim(0);
            int cols = x.shape().dim(1);
            Tensor out = Tensor.result(x.device(), Shape.of(cols, rows));
            x.device().transpose(x.buffer(), rows, cols, out.buffer());
            return out;
        }

        @Override
        public void backward(Gradients g) {
            g.add(0, g.outputGrad().transpose());
        }

        @Override
        public List<GradientCase> gradientCases() {
            return List.of(GradientCase.of("transpose", x -> x.get(0).transpose().matmul(x.get(1)), -2, 2,
                    Shape.of(3, 2), Shape.of(3, 4)));
        }
    };
}
