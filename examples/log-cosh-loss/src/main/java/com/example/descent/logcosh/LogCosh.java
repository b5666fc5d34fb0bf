package com.example.descent.logcosh;

import dev.descent.tensor.Gradients;
import dev.descent.tensor.GradientCase;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorFunction;
import dev.descent.tensor.UnaryOp;
import java.util.List;

/**
 * {@code log(cosh(x))}, elementwise, as one function with its own gradient.
 *
 * <p>Written naively, {@code x.exp().add(x.neg().exp()).div(2).log()} overflows to infinity once
 * {@code |x|} passes about 89 (float32 {@code exp}), and its autograd gradient becomes NaN. Fused, it
 * is computed as {@code |x| + log(1 + exp(-2|x|)) − log 2}, which never overflows, and its gradient is
 * written by hand: {@code d/dx log(cosh(x)) = tanh(x) = sign(x) · (1 − e) / (1 + e)} with
 * {@code e = exp(-2|x|)}, finite everywhere.
 */
public final class LogCosh implements TensorFunction {

    private static final double LOG_2 = Math.log(2);

    @Override
    public String name() {
        return "log-cosh";
    }

    /** Runs with gradient tracking off: the tensor operations here build no graph. */
    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor abs = inputs[0].abs();
        return abs.add(abs.mul(-2).exp().add(1).log()).sub(LOG_2);
    }

    @Override
    public void backward(Gradients gradients) {
        Tensor x = gradients.input(0);
        Tensor e = x.abs().mul(-2).exp();
        Tensor tanhOfAbs = e.reverseSub(1).div(e.add(1));
        gradients.add(0, gradients.outputGrad().mul(tanhOfAbs).mul(sign(x)));
    }

    /** sign(x) straight from the device's kernel: a function may use kernels as well as tensor ops. */
    private static Tensor sign(Tensor x) {
        Tensor out = Tensor.result(x.device(), x.shape());
        x.device().unary(UnaryOp.SIGN, x.buffer(), out.buffer(), x.size());
        return out;
    }

    @Override
    public List<GradientCase> gradientCases() {
        return List.of(
                GradientCase.of(this, -3, 3, Shape.of(4, 1)).awayFrom(0),
                GradientCase.of("log-cosh of large values", x -> Tensor.apply(this, x.get(0)), -200, 200,
                        Shape.of(6)).awayFrom(0));
    }
}
