package dev.descent.plugins.linreg;

import com.google.auto.service.AutoService;
import dev.descent.api.Affine;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * The book's model, {@code y_hat = X w + b}: weights {@code w} of shape {@code (features, outputs)}
 * drawn from N(0, 0.01²), bias {@code b} of shape {@code (outputs,)} starting at zero. With
 * {@code bias = false} there is no {@code b}: a fit through the origin, {@code y_hat = X w}. Weight decay
 * and penalties apply to {@code w}, not to {@code b}.
 */
@AutoService(Model.class)
@Plugin(name = "linreg", description = "Linear regression y = Xw + b; w ~ N(0, init-std^2), b = 0 (or no b: bias = false)")
public final class LinearRegression implements Model {

    @Option(name = "init-std", description = "Standard deviation of the initial weights", min = 0)
    private double initStd = 0.01;

    @Option(name = "bias", description = "Whether to fit the intercept b; false fits y = Xw through the origin")
    private boolean bias = true;

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        Parameter w = context.normal("w", Shape.of(context.features(), context.outputs()), initStd);
        parameters = bias ? List.of(w, context.zeros("b", Shape.of(context.outputs())).notRegularized()) : List.of(w);
    }

    @Override
    public Tensor forward(Tensor features) {
        if (parameters.isEmpty()) {
            throw new IllegalStateException("linreg: initialize() must run before forward()");
        }
        Tensor w = parameters.get(0).value();
        return bias ? features.affine(w, parameters.get(1).value()) : features.matmul(w);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Optional<Affine> affine() {
        return Optional.of(new Affine("w", bias ? "b" : null));
    }
}
