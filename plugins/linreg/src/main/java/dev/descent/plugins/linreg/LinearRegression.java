package dev.descent.plugins.linreg;

import com.google.auto.service.AutoService;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * The book's model, {@code y_hat = X w + b}: weights {@code w} of shape {@code (features, 1)} drawn
 * from N(0, 0.01²), bias {@code b} of shape {@code (1,)} starting at zero.
 */
@AutoService(Model.class)
@Plugin(name = "linreg", description = "Linear regression y = Xw + b; w ~ N(0, init-std^2), b = 0")
public final class LinearRegression implements Model {

    @Option(name = "init-std", description = "Standard deviation of the initial weights", min = 0)
    private double initStd = 0.01;

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        Parameter w = context.normal("w", Shape.of(context.features(), context.outputs()), initStd);
        Parameter b = context.zeros("b", Shape.of(context.outputs()));
        parameters = List.of(w, b);
    }

    @Override
    public Tensor forward(Tensor features) {
        if (parameters.isEmpty()) {
            throw new IllegalStateException("linreg: initialize() must run before forward()");
        }
        return features.matmul(parameters.get(0).value()).add(parameters.get(1).value());
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
