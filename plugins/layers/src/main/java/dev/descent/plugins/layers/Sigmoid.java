package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** The activation 1 / (1 + e^-x), elementwise (PyTorch's {@code nn.Sigmoid}). */
@AutoService(Layer.class)
@Plugin(name = "sigmoid", description = "Activation 1 / (1 + e^-x)")
public final class Sigmoid implements Layer {

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        return input.sigmoid();
    }
}
