package dev.descent.api;

import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * A function of the features with trainable parameters: {@code y_hat = X w + b} for {@code linreg}.
 *
 * <p>Life cycle: the registry creates the model and sets its {@link Option}s, the trainer calls
 * {@link #initialize} once (when the data's width is known), then {@link #forward} for every
 * minibatch. An implementation must guarantee:
 * <ul>
 *   <li>{@code forward} maps an {@code (n, features)} tensor to an {@code (n, outputs)} tensor,
 *       for every {@code n ≥ 0}, using only tensor operations (so gradients flow).</li>
 *   <li>{@link #parameters()} returns the same parameters, in the same order, after
 *       {@code initialize}: the optimizer and the model file rely on both.</li>
 *   <li>Initialisation draws random numbers only from {@link ModelContext#random()}: same seed,
 *       same initial parameters.</li>
 * </ul>
 * Models are used by one thread at a time.
 */
public interface Model {

    /** Creates the parameters for inputs of {@code context.features()} columns. */
    void initialize(ModelContext context);

    /** The predictions for a batch of inputs, in an {@linkplain Pass#EVALUATION evaluation pass}. */
    Tensor forward(Tensor features);

    /**
     * The predictions in {@code pass}: the trainer calls this with a {@linkplain Pass#training training
     * pass} for every step, and {@link #forward(Tensor)} for everything else. A model that behaves the
     * same either way (every affine model) need not override it.
     */
    default Tensor forward(Tensor features, Pass pass) {
        return forward(features);
    }

    /** The trainable parameters, in a fixed order. Empty before {@link #initialize}. */
    List<Parameter> parameters();

    /**
     * Whether {@link #forward} is {@code X W + b} exactly, and with which parameters: then a
     * predictor evaluates single rows without tensors and {@code descent export} can write the
     * model as an ONNX graph. Empty (the default) for any other model.
     */
    default java.util.Optional<Affine> affine() {
        return java.util.Optional.empty();
    }
}
