package dev.descent.cli.testplugins;

import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * A test plugin, packed into a jar at test time: X w plus a constant as long as the batch (its row
 * count over 1000), which no ONNX graph with a symbolic batch can hold.
 */
@Plugin(name = "row-count", description = "Test model: X w + b + rows / 1000")
public final class RowCountModel implements Model {

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        parameters = List.of(context.normal("w", Shape.of(context.features(), 1), 0.01),
                context.zeros("b", Shape.of(1)));
    }

    @Override
    public Tensor forward(Tensor features) {
        int rows = features.shape().dim(0);
        float[] count = new float[rows];
        java.util.Arrays.fill(count, rows / 1000f);
        return features.matmul(parameters.get(0).value()).add(parameters.get(1).value())
                .add(Tensor.of(features.device(), count, Shape.of(rows, 1)));
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
