package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** The activation max(x, 0), the rectified linear unit, elementwise (PyTorch's {@code nn.ReLU}). */
@AutoService(Layer.class)
@Plugin(name = "relu", description = "Activation max(x, 0), the rectified linear unit")
public final class Relu implements Layer {

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        return input.relu();
    }
}
