package dev.descent.api;

import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a {@link Layer} needs to create its parameters.
 *
 * @param device  where the parameters live
 * @param inputs  the width of the rows the layer receives
 * @param outputs the width the whole model must end with (the number of classes, or of targets): a
 *                dense layer given no width of its own takes it
 * @param random  the run's initialisation stream; the only source of randomness a layer may use here
 * @param prefix  what the layer's parameter names begin with, unique in the model (its position,
 *                {@code 0}, {@code 1}, …): {@link #parameter} names them {@code 0.W}, {@code 0.b}
 */
public record LayerContext(Device device, int inputs, int outputs, RandomGenerator random, String prefix) {

    public LayerContext {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** A trainable parameter {@code prefix.name} holding {@code values}. */
    public Parameter parameter(String name, float[] values, Shape shape) {
        return new Parameter(prefix + "." + name, Tensor.parameter(device, values, shape));
    }
}
