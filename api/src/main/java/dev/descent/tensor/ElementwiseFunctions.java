package dev.descent.tensor;

import java.util.List;
import java.util.Locale;

/** The elementwise functions: of two tensors (with broadcasting), of a tensor and a scalar, of one tensor. */
final class ElementwiseFunctions {

    private ElementwiseFunctions() {
    }

    /** {@code op(a, b)} with NumPy broadcasting; each input's gradient is summed back to its shape. */
    static final class Binary implements TensorFunction {
        static final Binary ADD = new Binary(BinaryOp.ADD);
        static final Binary SUB = new Binary(BinaryOp.SUB);
        static final Binary MUL = new Binary(BinaryOp.MUL);
        static final Binary DIV = new Binary(BinaryOp.DIV);
        static final List<Binary> ALL = List.of(ADD, SUB, MUL, DIV);

        private final BinaryOp op;

        private Binary(BinaryOp op) {
            this.op = op;
        }

        @Override
        public String name() {
            return op.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return compute(inputs[0], inputs[1]);
        }

        /** The value, straight from the device's kernel. */
        Tensor compute(Tensor a, Tensor b) {
            a.checkSameDevice(b);
            Shape outShape = Shape.broadcast(a.shape(), b.shape());
            Tensor out = Tensor.result(a.device(), outShape);
            if (op.since == 0) {   // an op every device knows: no detour (OpDispatch decides for later ones)
                a.device().binary(op, a.buffer(), a.shape(), b.buffer(), b.shape(), out.buffer(), outShape);
            } else {
                OpDispatch.binary(a.device(), op, a.buffer(), a.shape(), b.buffer(), b.shape(), out.buffer(), outShape);
            }
            return out;
        }

        @Override
        public void backward(Gradients g) {
            Tensor grad = g.outputGrad();
            switch (op) {
                case ADD -> {
                    g.add(0, grad);
                    g.add(1, grad);
                }
                case SUB -> {
                    g.add(0, grad);
                    if (g.needs(1)) {
                        g.add(1, grad.neg());
                    }
                }
                case MUL -> {
                    if (g.needs(0)) {
                        g.add(0, grad.mul(g.input(1)));
                    }
                    if (g.needs(1)) {
                        g.add(1, grad.mul(g.input(0)));
                    }
                }
                case DIV -> {
                    if (g.needs(0)) {
                        g.add(0, grad.div(g.input(1)));
                    }
                    if (g.needs(1)) {
                        g.add(1, grad.mul(g.output()).div(g.input(1)).neg());   // d(a/b)/db = -(a/b)/b
                    }
                }
            }
        }

        @Override
        public List<GradientCase> gradientCases() {
            Shape m32 = Shape.of(3, 2);
            double low = op == BinaryOp.DIV ? 0.5 : -2;
            return List.of(
                    GradientCase.of(this, -2, 2, m32, m32).withLow(low),
                    GradientCase.of(name() + " with a broadcast row", x -> Tensor.apply(this, x.get(0), x.get(1)),
                            -2, 2, m32, Shape.of(2)).withLow(low),
                    GradientCase.of(name() + " with a broadcast column", x -> Tensor.apply(this, x.get(0), x.get(1)),
                            -2, 2, m32, Shape.of(3, 1)).withLow(low),
                    GradientCase.of(name() + " of a scalar tensor", x -> Tensor.apply(this, x.get(0), x.get(1)),
                            -2, 2, m32, Shape.SCALAR).withLow(low));
        }
    }

    /** {@code op(x, s)} for a scalar {@code s} that is part of the function, not an input. */
    static final class Scalar implements TensorFunction {
        private final ScalarOp op;
        private final double s;

        Scalar(ScalarOp op, double s) {
            this.op = op;
            this.s = s;
        }

        @Override
        public String name() {
            return switch (op) {
                case ADD -> "add-scalar";
                case MUL -> "mul-scalar";
                case REVERSE_SUB -> "reverse-sub";
                case REVERSE_DIV -> "reverse-div";
                case POW -> "pow";
                case MAX -> "max-scalar";
                case MIN -> "min-scalar";
                case GREATER -> "greater";
                case LESS -> "less";
            };
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0].scalarKernel(op, s);
        }

        @Override
        public void backward(Gradients g) {
            Tensor grad = g.outputGrad();
            Tensor x = g.input(0);
            g.add(0, switch (op) {
                case ADD -> grad;
                case MUL -> grad.mul(s);
                case REVERSE_SUB -> grad.neg();
                case REVERSE_DIV -> grad.mul(g.output()).div(x).neg();   // d(s/x)/dx = -(s/x)/x
                case POW -> grad.mul(x.scalarKernel(ScalarOp.POW, s - 1)).mul(s);
                case MAX -> grad.mul(x.scalarKernel(ScalarOp.GREATER, s));
                case MIN -> grad.mul(x.scalarKernel(ScalarOp.LESS, s));
                case GREATER, LESS -> throw new UnsupportedOperationException(name() + " has no gradient");
            });
        }

        @Override
        public List<GradientCase> gradientCases() {
            Shape m32 = Shape.of(3, 2);
            return switch (op) {
                case ADD, MUL, REVERSE_SUB -> List.of(GradientCase.of(this, -2, 2, m32));
                case REVERSE_DIV -> List.of(GradientCase.of(this, 0.5, 2, m32));
                case POW -> List.of(GradientCase.of(this, -1.5, 1.5, m32),
                        GradientCase.of(new Scalar(ScalarOp.POW, 0.5), 0.5, 2, m32));
                case MAX, MIN -> List.of(GradientCase.of(this, -2, 2, m32).awayFrom(s));
                case GREATER, LESS -> List.of();
            };
        }
    }

    /** {@code op(x)}. */
    static final class Unary implements TensorFunction {
        static final Unary NEG = new Unary(UnaryOp.NEG);
        static final Unary SQUARE = new Unary(UnaryOp.SQUARE);
        static final Unary ABS = new Unary(UnaryOp.ABS);
        static final Unary EXP = new Unary(UnaryOp.EXP);
        static final Unary LOG = new Unary(UnaryOp.LOG);
        static final Unary SQRT = new Unary(UnaryOp.SQRT);
        static final Unary SIGMOID = new Unary(UnaryOp.SIGMOID);
        static final Unary SOFTPLUS = new Unary(UnaryOp.SOFTPLUS);
        static final Unary TANH = new Unary(UnaryOp.TANH);
        static final Unary RELU = new Unary(UnaryOp.RELU);
        static final Unary ERF = new Unary(UnaryOp.ERF);
        static final Unary GELU = new Unary(UnaryOp.GELU);
        static final List<Unary> ALL = List.of(NEG, SQUARE, ABS, EXP, LOG, SQRT, SIGMOID, SOFTPLUS, TANH, RELU, ERF,
                GELU);

        private final UnaryOp op;

        private Unary(UnaryOp op) {
            this.op = op;
        }

        @Override
        public String name() {
            return op.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0].unaryKernel(op);
        }

        UnaryOp op() {
            return op;
        }

        @Override
        public void backward(Gradients g) {
            Tensor grad = g.outputGrad();
            g.add(0, switch (op) {
                case NEG -> grad.neg();
                case SQUARE -> grad.mul(g.input(0)).mul(2);
                case ABS -> grad.mul(g.input(0).unaryKernel(UnaryOp.SIGN));
                case EXP -> grad.mul(g.output());
                case LOG -> grad.div(g.input(0));
                case SQRT -> grad.div(g.output()).mul(0.5);
                case SIGMOID -> grad.mul(g.output()).mul(g.output().reverseSub(1));   // σ' = σ(1 − σ)
                case SOFTPLUS -> grad.mul(g.input(0).unaryKernel(UnaryOp.SIGMOID));
                case TANH -> grad.mul(g.output().square().reverseSub(1));   // tanh' = 1 − tanh²
                case RELU -> grad.mul(g.output().unaryKernel(UnaryOp.SIGN));   // 1 where x > 0, else 0 (as torch at 0)
                case ERF -> grad.mul(g.input(0).square().neg().exp().mul(2 / Math.sqrt(Math.PI)));
                case GELU -> grad.mul(geluDerivative(g.input(0)));
                case SIGN -> throw new UnsupportedOperationException("sign has no gradient");
            });
        }

        /** {@code Φ(x) + x φ(x)}: the normal distribution function plus x times its density. */
        private static Tensor geluDerivative(Tensor x) {
            Tensor cdf = x.mul(1 / Math.sqrt(2)).unaryKernel(UnaryOp.ERF).add(1).mul(0.5);
            Tensor density = x.square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
            return cdf.add(x.mul(density));
        }

        @Override
        public List<GradientCase> gradientCases() {
            Shape m32 = Shape.of(3, 2);
            return switch (op) {
                case RELU -> List.of(GradientCase.of(this, -2, 2, m32).awayFrom(0));
                case ERF, GELU -> List.of(GradientCase.of(this, -3, 3, m32));
                case LOG, SQRT -> List.of(GradientCase.of(this, 0.5, 3, m32));
                case EXP -> List.of(GradientCase.of(this, -1, 1, m32));
                case ABS -> List.of(GradientCase.of(this, -2, 2, m32).awayFrom(0));
                case SIGMOID, SOFTPLUS, TANH -> List.of(GradientCase.of(this, -4, 4, m32),
                        GradientCase.of(name() + " of large inputs", x -> Tensor.apply(this, x.get(0).mul(30)), -3, 3, m32));
                default -> List.of(GradientCase.of(this, -2, 2, m32));
            };
        }
    }
}
