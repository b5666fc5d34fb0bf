package dev.descent.cli.testplugins;

import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Option;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;

/** A test plugin, packed into a jar at test time: a layer Descent does not bundle, x sigmoid(beta x). */
@Plugin(name = "swish", description = "Test layer: x * sigmoid(beta x)")
public final class Swish implements Layer {

    @Option(name = "beta", description = "The slope inside the sigmoid")
    private double beta = 1;

    @Override
    public int initialize(LayerContext context) {
        return context.inputs();
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        return input.mul(input.mul(beta).sigmoid());
    }
}
