package dev.descent.plugins.squaredloss;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradientCase;
import dev.descent.tensor.Gradients;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorFunction;
import dev.descent.tensor.UnaryOp;
import java.util.List;

/**
 * {@code (ŷ − y)² / 2} elementwise, for {@code ŷ} and {@code y} of one shape, as one function: the
 * difference is squared and halved in place, so the forward makes one result where {@code
 * sub().square().div(2)} makes three, and the backward one ({@code g · (ŷ − y)}) where theirs makes
 * four. Over a whole data set (the epoch's loss) those results are memory never touched before, which
 * costs more than the arithmetic. The values and gradients are bit for bit those of the three
 * operations: the same kernels in the same order, and {@code ((g · ½) · d) · 2 = g · d} exactly.
 */
final class HalfSquaredError implements TensorFunction {

    static final HalfSquaredError INSTANCE = new HalfSquaredError();

    @Override
    public String name() {
        return "half-squared-error";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor d = difference(inputs[0], inputs[1]);
        Device device = d.device();
        device.unary(UnaryOp.SQUARE, d.buffer(), d.buffer(), d.size());
        device.scalar(ScalarOp.MUL, d.buffer(), 0.5f, d.buffer(), d.size());
        return d;
    }

    @Override
    public void backward(Gradients g) {
        Tensor d = difference(g.input(0), g.input(1));
        Shape shape = d.shape();
        d.device().binary(BinaryOp.MUL, g.outputGrad().buffer(), shape, d.buffer(), shape, d.buffer(), shape);
        if (g.needs(1)) {
            g.add(1, d.neg());
        }
        g.add(0, d);
    }

    /** {@code ŷ − y}, a new tensor, for inputs of one shape. */
    private static Tensor difference(Tensor yHat, Tensor y) {
        if (!yHat.shape().equals(y.shape())) {
            throw new IllegalArgumentException("half-squared-error needs predictions and targets of one shape, got "
                    + yHat.shape() + " and " + y.shape());
        }
        return yHat.sub(y);
    }

    @Override
    public List<GradientCase> gradientCases() {
        return List.of(GradientCase.of(this, -2, 2, Shape.of(3, 2), Shape.of(3, 2)));
    }
}
