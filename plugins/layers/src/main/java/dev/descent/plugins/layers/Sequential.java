package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.Layer;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.util.List;

/**
 * Layers composed by name, PyTorch's {@code nn.Sequential}: {@code model.layers = linear:256, relu,
 * dropout:0.5, linear} is the book's MLP with dropout. Each item is a layer's name and its options
 * after colons (see docs/layers.md); any layer a plugin jar adds can be named.
 */
@AutoService(Model.class)
@Plugin(name = "sequential", description = "Layers applied in order, named in model.layers (e.g. linear:256, relu,"
        + " linear)")
public final class Sequential extends StackedModel {

    @Option(name = "layers", description = "The layers in order, each name[:option...]: e.g. linear:256, relu,"
            + " dropout:0.5, linear (a bare linear ends with the width the data needs)")
    private Layer[] layers = new Layer[0];

    @Override
    public void initialize(ModelContext context) {
        if (layers.length == 0) {
            throw new DescentException("model = sequential needs its layers: set model.layers, e.g. model.layers ="
                    + " linear:256, relu, linear");
        }
        stack = new Stack(List.of(layers));
        stack.initialize(context, "model.layers");
    }
}
