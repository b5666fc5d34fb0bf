package dev.descent.cli.testplugins;

import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/** A test plugin, packed into a jar at test time: a model whose forward pass is not X W + b. */
@Plugin(name = "squashed", description = "Test model: 10 sigmoid(X w) + b")
public final class SquashedModel implements Model {

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        parameters = List.of(context.normal("w", Shape.of(context.features(), 1), 0.01),
                context.zeros("b", Shape.of(1)));
    }

    @Override
    public Tensor forward(Tensor features) {
        return features.matmul(parameters.get(0).value()).sigmoid().mul(10).add(parameters.get(1).value());
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
