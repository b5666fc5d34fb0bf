package dev.descent.plugins.layers;

import com.google.auto.service.AutoService;
import dev.descent.api.Layer;
import dev.descent.api.LayerContext;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * A dense layer, {@code X W + b}: {@code W} of shape {@code (inputs, units)}, {@code b} of
 * {@code units}. With no width given it has as many units as the model must output (the classes),
 * so a composition can end with a bare {@code linear}.
 */
@AutoService(Layer.class)
@Plugin(name = "linear", description = "Dense layer X W + b (PyTorch's nn.Linear); linear:256 has 256 units")
public final class Linear implements Layer {

    @Option(name = "units", description = "Output width (0: as many as the model outputs, e.g. the classes)", min = 0)
    private int units;

    @Option(name = "init", description = "How the weights start; torch is PyTorch's nn.Linear default,"
            + " U(-1/sqrt(inputs), 1/sqrt(inputs)) for weights and bias")
    private Initializer init = Initializer.TORCH;

    @Option(name = "init-std", description = "Standard deviation for init = normal or uniform (the book's 0.01)",
            min = 0)
    private double initStd = 0.01;

    @Option(name = "bias", description = "Whether the layer adds a bias b")
    private boolean bias = true;

    private List<Parameter> parameters = List.of();

    public Linear() {
    }

    Linear(int units, Initializer init, double initStd) {
        this.units = units;
        this.init = init;
        this.initStd = initStd;
    }

    @Override
    public int initialize(LayerContext context) {
        int outputs = units == 0 ? context.outputs() : units;
        int inputs = context.inputs();
        Parameter w = context.parameter("W", init.weights(inputs * outputs, inputs, outputs, initStd,
                context.random()), Shape.of(inputs, outputs));
        parameters = bias
                ? List.of(w, context.parameter("b", init.biases(outputs, inputs, context.random()), Shape.of(outputs))
                        .notRegularized())
                : List.of(w);
        return outputs;
    }

    @Override
    public Tensor forward(Tensor input, Pass pass) {
        if (parameters.isEmpty()) {
            throw new IllegalStateException("linear: initialize() must run before forward()");
        }
        Tensor w = parameters.get(0).value();
        return bias ? input.affine(w, parameters.get(1).value()) : input.matmul(w);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
