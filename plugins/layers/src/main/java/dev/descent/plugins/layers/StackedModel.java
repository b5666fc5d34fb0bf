package dev.descent.plugins.layers;

import dev.descent.api.Model;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.tensor.Tensor;
import java.util.List;

/** A model that is a {@link Stack} of layers once initialised: what sequential and mlp share after their set-up. */
abstract class StackedModel implements Model {

    /** The layers, set by {@code initialize}. */
    Stack stack;

    @Override
    public Tensor forward(Tensor features) {
        return forward(features, Pass.EVALUATION);
    }

    @Override
    public Tensor forward(Tensor features, Pass pass) {
        if (stack == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": initialize() must run before forward()");
        }
        return stack.forward(features, pass);
    }

    @Override
    public List<Parameter> parameters() {
        return stack == null ? List.of() : stack.parameters();
    }
}
