package dev.descent.api;

import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a {@link Model} needs to create its parameters.
 *
 * @param device   where the parameters live
 * @param features the number of input columns
 * @param outputs  the number of label columns (1 for regression on one target)
 * @param random   the run's initialisation stream; the only source of randomness a model may use
 */
public record ModelContext(Device device, int features, int outputs, RandomGenerator random) {

    public ModelContext {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(random, "random");
    }

    /** A parameter drawn from N(0, std²), as the book initialises {@code w}. */
    public Parameter normal(String name, Shape shape, double std) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return new Parameter(name, Tensor.parameter(device, values, shape));
    }

    /** A parameter of zeros, as the book initialises {@code b}. */
    public Parameter zeros(String name, Shape shape) {
        return new Parameter(name, Tensor.parameter(device, new float[Math.toIntExact(shape.size())], shape));
    }
}
