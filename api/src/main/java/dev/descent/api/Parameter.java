package dev.descent.api;

import dev.descent.tensor.Tensor;
import java.util.Objects;

/**
 * A named, trainable tensor of a model: the book's {@code w} and {@code b}.
 *
 * <p>{@link #value()} requires a gradient; after {@code loss.sum().backward()} its gradient is in
 * {@link #grad()}, which has the value's shape and lives as long as the parameter.
 *
 * @param name  unique within its model, e.g. {@code w}; used in saved models and error reports
 * @param value the current values, tracked for gradients
 */
public record Parameter(String name, Tensor value) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!value.requiresGrad()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be created with Tensor.parameter(...)");
        }
    }

    /** The gradient accumulated by backward passes since it was last zeroed. */
    public Tensor grad() {
        return value.grad();
    }
}
