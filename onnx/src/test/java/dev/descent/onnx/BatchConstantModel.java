package dev.descent.onnx;

import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/** A test model whose forward pass makes a constant as long as the batch: X w + zeros(N, 1). */
@Plugin(name = "batch-constant", description = "Test model: X w + zeros(N, 1)")
public final class BatchConstantModel implements Model {

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        parameters = List.of(context.normal("w", Shape.of(context.features(), 1), 0.1),
                context.zeros("b", Shape.of(1)));
    }

    @Override
    public Tensor forward(Tensor features) {
        Tensor xw = features.matmul(parameters.get(0).value());
        return xw.add(Tensor.zeros(xw.device(), Shape.of(xw.shape().dim(0), 1)));
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
