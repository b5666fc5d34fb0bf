package dev.descent.tensor;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One point where a function's gradient is checked: inputs of the given shapes, with values drawn
 * from {@code [low, high]} and kept at least 0.1 away from {@code kink} (where the function is not
 * differentiable, NaN for none), fed to {@code call}.
 *
 * @param label  what is checked, e.g. {@code mul with broadcasting}
 * @param call   applies the function (and possibly more ops) to the inputs
 * @param low    the smallest input value
 * @param high   the largest input value
 * @param kink   a value inputs stay away from, or NaN
 * @param shapes one shape per input
 */
public record GradientCase(String label, Function<List<Tensor>, Tensor> call, double low, double high, double kink,
                           List<Shape> shapes) {

    public GradientCase {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(call, "call");
        shapes = List.copyOf(shapes);
    }

    /** {@code function} itself on inputs of {@code shapes} with values in {@code [low, high]}. */
    public static GradientCase of(TensorFunction function, double low, double high, Shape... shapes) {
        return new GradientCase(function.name(), x -> Tensor.apply(function, x.toArray(Tensor[]::new)), low, high,
                Double.NaN, List.of(shapes));
    }

    /** A case of its own: {@code call} on inputs of {@code shapes} with values in {@code [low, high]}. */
    public static GradientCase of(String label, Function<List<Tensor>, Tensor> call, double low, double high,
                                  Shape... shapes) {
        return new GradientCase(label, call, low, high, Double.NaN, List.of(shapes));
    }

    /** This case with the smallest input value {@code value} instead (a divisor kept positive). */
    public GradientCase withLow(double value) {
        return new GradientCase(label, call, value, high, kink, shapes);
    }

    /** This case with inputs kept away from {@code value}. */
    public GradientCase awayFrom(double value) {
        return new GradientCase(label, call, low, high, value, shapes);
    }

    @Override
    public String toString() {
        return label;
    }
}
