package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.Layer;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.util.ArrayList;
import java.util.List;

/**
 * The multilayer perceptron of the book's chapter 5: for each hidden width a dense layer, the
 * activation and (if {@code dropout > 0}) dropout, then a dense layer to the outputs. With
 * {@code hidden = 256}, {@code init = normal}, {@code init-std = 0.01} it is the book's MLP from
 * scratch (784-256-10, ReLU); the same as {@code model = sequential} with
 * {@code model.layers = linear:256, relu, linear}.
 */
@AutoService(Model.class)
@Plugin(name = "mlp", description = "Multilayer perceptron: per hidden width linear, activation, dropout; then linear"
        + " to the outputs")
public final class Mlp extends StackedModel {

    @Option(name = "hidden", description = "The hidden layers' widths, e.g. 256 or 256, 128", min = 1)
    private int[] hidden = {256};

    @Option(name = "activation", description = "The activation after each hidden layer: a layer without parameters"
            + " (relu, tanh, sigmoid, gelu, or one a plugin adds)")
    private Layer activation = new Relu();

    @Option(name = "dropout", description = "Dropout rate after each activation (0: none)", min = 0, max = 1,
            maxExclusive = true)
    private double dropout = 0;

    @Option(name = "init", description = "How the weights start (torch: PyTorch's nn.Linear default)")
    private Initializer init = Initializer.TORCH;

    @Option(name = "init-std", description = "Standard deviation for init = normal or uniform (the book's 0.01)",
            min = 0)
    private double initStd = 0.01;

    @Override
    public void initialize(ModelContext context) {
        List<Layer> layers = new ArrayList<>();
        for (int width : hidden) {
            layers.add(new Linear(width, init, initStd));
            layers.add(activation);   // parameter-free, so one instance serves every place
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
        }
        layers.add(new Linear(0, init, initStd));
        stack = new Stack(layers);
        stack.initialize(context, "model = mlp");
        if (!activation.parameters().isEmpty()) {
            throw new DescentException("mlp.activation = " + Stack.name(activation) + " has parameters, so it cannot"
                    + " be shared by every hidden layer; use model = sequential and name it at each place");
        }
    }
}
