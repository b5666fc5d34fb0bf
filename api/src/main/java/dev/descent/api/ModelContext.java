package dev.descent.api;

import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a {@link Model} needs to create its parameters.
 *
 * @param device   where the parameters live
 * @param features the number of input columns
 * @param outputs  how many values the model predicts per row: the number of target columns for
 *                 regression (1 for the book's run), the number of classes for classification (one
 *                 logit each; a binary model may predict one logit instead, see {@link #classes})
 * @param random   the run's initialisation stream; the only source of randomness a model may use
 * @param classes  the class names for classification, in index order; empty for regression
 */
public record ModelContext(Device device, int features, int outputs, RandomGenerator random, List<String> classes) {

    public ModelContext {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(random, "random");
        classes = List.copyOf(classes);
    }

    /** A regression model's context. */
    public ModelContext(Device device, int features, int outputs, RandomGenerator random) {
        this(device, features, outputs, random, List.of());
    }

    /** Whether the model is trained to classify (its outputs are logits, one per class). */
    public boolean isClassification() {
        return !classes.isEmpty();
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
