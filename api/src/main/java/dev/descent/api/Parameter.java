package dev.descent.api;

import dev.descent.tensor.Tensor;
import java.util.Objects;

/**
 * A named, trainable tensor of a model: the book's {@code w} and {@code b}.
 *
 * <p>{@link #value()} requires a gradient; after {@code loss.sum().backward()} its gradient is in
 * {@link #grad()}, which has the value's shape and lives as long as the parameter.
 *
 * @param name        unique within its model, e.g. {@code w}; used in saved models and error reports
 * @param value       the current values, tracked for gradients
 * @param regularized whether weight decay and the penalties {@code train.l1}/{@code train.l2} apply to
 *                    it: yes for weights, no for biases (as in the book's chapter on weight decay)
 */
public record Parameter(String name, Tensor value, boolean regularized) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!value.requiresGrad()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be created with Tensor.parameter(...)");
        }
    }

    /** A parameter that weight decay and penalties apply to. */
    public Parameter(String name, Tensor value) {
        this(name, value, true);
    }

    /** The same parameter, exempt from weight decay and penalties: a bias. */
    public Parameter notRegularized() {
        return new Parameter(name, value, false);
    }

    /** The gradient accumulated by backward passes since it was last zeroed. */
    public Tensor grad() {
        return value.grad();
    }
}
