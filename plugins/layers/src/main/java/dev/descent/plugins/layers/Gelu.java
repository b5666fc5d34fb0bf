package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** The activation x Phi(x), the Gaussian error linear unit (exact, PyTorch's nn.GELU()), elementwise (PyTorch's {@code nn.GELU}). */
@AutoService(Layer.class)
@Plugin(name = "gelu", description = "Activation x Phi(x), the Gaussian error linear unit (exact, as nn.GELU())")
public final class Gelu implements Layer {

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        return input.gelu();
    }
}
