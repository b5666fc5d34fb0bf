package dev.descent.onnx;

import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/** A test model whose forward pass is not X W + b: sigmoid(X w) + b. */
@Plugin(name = "not-affine", description = "Test model: sigmoid(X w) + b")
public final class NotAffineModel implements Model {

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        parameters = List.of(context.normal("w", Shape.of(context.features(), 1), 0.1),
                context.zeros("b", Shape.of(1)));
    }

    @Override
    public Tensor forward(Tensor features) {
        return features.matmul(parameters.get(0).value()).sigmoid().add(parameters.get(1).value());
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
