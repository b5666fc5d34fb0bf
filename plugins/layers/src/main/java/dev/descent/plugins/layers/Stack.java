package dev.descent.plugins.layers;

import dev.descent.api.DescentException;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Layers applied one after another, each fed the previous one's output: what sequential and mlp share. */
final class Stack {

    private final List<Layer> layers;
    private List<Parameter> parameters = List.of();

    Stack(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /**
     * Initialises each layer with the width the previous one gives (the first with the data's),
     * naming its parameters by its position ({@code 0.W}, {@code 2.b}).
     *
     * @param option the option the layers came from, for messages ({@code model.layers})
     */
    void initialize(ModelContext context, String option) {
        int width = context.features();
        List<Parameter> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int out = layer.initialize(new LayerContext(context.device(), width, context.outputs(), context.random(),
                    Integer.toString(i)));
            if (out < 1) {
                throw new DescentException(option + ": layer " + (i + 1) + " (" + name(layer) + ") gives " + out
                        + " values per row for " + width + " inputs; a layer must give at least one");
            }
            all.addAll(layer.parameters());
            width = out;
        }
        if (width != context.outputs()) {
            String needs = context.isClassification() ? "one logit per class (" + context.classes().size() + ")"
                    : context.outputs() + " value(s) per row, one per target";
            throw new DescentException("the widths of " + option + " do not end where the data needs: the last layer ("
                    + name(layers.get(layers.size() - 1)) + ") gives " + width + " values per row, but the model must"
                    + " give " + needs + "; end with a bare linear, which takes the width the data needs");
        }
        parameters = List.copyOf(all);
    }

    Tensor forward(Tensor x, Pass pass) {
        for (Layer layer : layers) {
            x = layer.forward(x, pass);
        }
        return x;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    static String name(Layer layer) {
        dev.descent.api.Plugin plugin = layer.getClass().getAnnotation(dev.descent.api.Plugin.class);
        return plugin == null ? layer.getClass().getSimpleName() : plugin.name();
    }
}
