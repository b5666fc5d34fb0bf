package dev.descent.api;

import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * One step of a composed model ({@code model = sequential}, {@code model = mlp}): a dense layer, an
 * activation, dropout. A layer writes its forward code only; autograd gives the gradients.
 *
 * <p>Layers are components of the {@linkplain ComponentKind#LAYER layer kind}, found and named as
 * every component is ({@code @AutoService(Layer.class)}, {@code @Plugin(name = "swish", …)}), but not
 * chosen by a config key of their own: a model composes them, e.g. {@code model.layers = linear:256,
 * relu, dropout:0.5, linear}. Their {@link Option}s are set from that list (see
 * docs/layers.md), in declaration order or by name.
 *
 * <p>An implementation must guarantee:
 * <ul>
 *   <li>{@link #initialize} is called once, before any {@code forward}, with the width of its input
 *       rows; it creates the parameters (drawing only from {@link LayerContext#random()}) and returns
 *       the width of its output rows.</li>
 *   <li>{@link #forward} maps an {@code (n, inputs)} tensor to an {@code (n, outputs)} one for every
 *       {@code n ≥ 0}, using only tensor operations, and draws randomness only from
 *       {@link Pass#random()} in a training pass; an evaluation pass is deterministic.</li>
 *   <li>{@link #parameters()} returns the same parameters in the same order after {@code initialize}.</li>
 * </ul>
 * An instance is used by one model at one place in it.
 */
public interface Layer {

    /** Creates the parameters for input rows of {@code context.inputs()} values; returns the output width. */
    int initialize(LayerContext context);

    /** The layer's output for a batch of rows. */
    Tensor forward(Tensor input, Pass pass);

    /** The trainable parameters, in a fixed order; none for an activation. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
