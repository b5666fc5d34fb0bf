package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import org.assertj.core.data.Offset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Compares the gradients autograd computes with central finite differences
 * {@code (f(x + h) − f(x − h)) / 2h}, element by element.
 *
 * <p>The function's output is reduced to a scalar with fixed random weights, {@code L = Σ r ⊙ f(x)},
 * so every output element matters (a plain sum would hide errors that cancel); {@code L} is summed
 * in double on the host so the finite differences are not drowned by float rounding.
 */
public final class GradientCheck {

    private final Device device;
    private double step = 1e-2;
    private double absoluteTolerance = 2e-3;
    private double relativeTolerance = 2e-2;

    public GradientCheck(Device device) {
        this.device = device;
    }

    /** The finite-difference step {@code h}; default 1e-2 (float32 needs a large one). */
    public GradientCheck step(double h) {
        this.step = h;
        return this;
    }

    /** Accept {@code |analytic − numeric| ≤ abs + rel · |numeric|}; defaults 2e-3 and 2e-2. */
    public GradientCheck tolerance(double absolute, double relative) {
        this.absoluteTolerance = absolute;
        this.relativeTolerance = relative;
        return this;
    }

    /**
     * Checks {@code f}'s gradient with respect to every input at the given point.
     *
     * @param f      the function, built from tensor operations
     * @param values one array per input, row-major
     * @param shapes one shape per input
     */
    public void check(String what, Function<List<Tensor>, Tensor> f, float[][] values, Shape... shapes) {
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            inputs.add(Tensor.parameter(device, values[i].clone(), shapes[i]));
        }
        Tensor output = f.apply(inputs);
        float[] weights = randomWeights(output.size());
        output.mul(Tensor.of(device, weights, output.shape())).sum().backward();

        for (int i = 0; i < inputs.size(); i++) {
            float[] analytic = inputs.get(i).grad().toFloatArray();
            for (int e = 0; e < values[i].length; e++) {
                double numeric = numericDerivative(f, values, shapes, i, e, weights);
                assertThat((double) analytic[e])
                        .as("%s: d/d input %d element %d (analytic %s, numeric %s)", what, i, e, analytic[e], numeric)
                        .isCloseTo(numeric, Offset.offset(
                                absoluteTolerance + relativeTolerance * Math.abs(numeric)));
            }
        }
        inputs.forEach(Tensor::close);
    }

    private double numericDerivative(Function<List<Tensor>, Tensor> f, float[][] values, Shape[] shapes, int input,
                                     int element, float[] weights) {
        float original = values[input][element];
        float plus = (float) (original + step);
        float minus = (float) (original - step);
        double fPlus = weighted(f, values, shapes, input, element, plus, weights);
        double fMinus = weighted(f, values, shapes, input, element, minus, weights);
        return (fPlus - fMinus) / ((double) plus - (double) minus);
    }

    private double weighted(Function<List<Tensor>, Tensor> f, float[][] values, Shape[] shapes, int input,
                            int element, float value, float[] weights) {
        List<Tensor> inputs = new ArrayList<>();
        try (GradMode off = GradMode.disable()) {
            for (int i = 0; i < values.length; i++) {
                float[] v = values[i].clone();
                if (i == input) {
                    v[element] = value;
                }
                inputs.add(Tensor.of(device, v, shapes[i]));
            }
            float[] out = f.apply(inputs).toFloatArray();
            double sum = 0;
            for (int k = 0; k < out.length; k++) {
                sum += (double) weights[k] * out[k];
            }
            return sum;
        }
    }

    private static float[] randomWeights(int n) {
        SplittableRandom random = new SplittableRandom(n * 31L + 7);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 + random.nextDouble());
        }
        return w;
    }
}
