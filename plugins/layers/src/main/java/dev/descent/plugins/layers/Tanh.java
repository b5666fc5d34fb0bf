package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** The activation tanh(x), elementwise (PyTorch's {@code nn.Tanh}). */
@AutoService(Layer.class)
@Plugin(name = "tanh", description = "Activation tanh(x)")
public final class Tanh implements Layer {

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        return input.tanh();
    }
}
