package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/**
 * PyTorch's {@code nn.Flatten()}: each example as one row of values. Descent's data sources already
 * give each example as a row (an image's 28 × 28 pixels as 784 values), so the book's
 * {@code nn.Sequential(nn.Flatten(), nn.Linear(784, 256), …)} can be written as it is; a batch of any
 * other shape {@code (n, …)} becomes {@code (n, rest)}.
 */
@AutoService(Layer.class)
@Plugin(name = "flatten", description = "Each example as one row (as nn.Flatten(); rows are already flat)")
public final class Flatten implements Layer {

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        if (input.shape().rank() == 2) {
            return input;
        }
        int n = input.shape().dim(0);
        return input.reshape(n, n == 0 ? 0 : Math.toIntExact(input.shape().size() / n));
    }
}
