package dev.descent.plugins.classification;

import com.google.auto.service.AutoService;
import dev.descent.api.DescentException;
import dev.descent.api.Affine;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * Logistic regression for two classes: one logit per row, {@code z = X w + b}, the second class's
 * against the first; {@code P(second class) = σ(z)}. {@code w} ({@code features × 1}) is drawn from
 * N(0, init-std²), {@code b} starts at zero. The model gives the logit; the sigmoid is taken by the
 * loss ({@code binary-cross-entropy}, stably) and by {@code predict}.
 */
@AutoService(Model.class)
@Plugin(name = "logistic", description = "Logistic regression for two classes: one logit z = Xw + b,"
        + " P(second class) = sigmoid(z)")
public final class LogisticRegression implements Model {

    @Option(name = "init-std", description = "Standard deviation of the initial weights", min = 0)
    private double initStd = 0.01;

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        if (context.isClassification() && context.classes().size() != 2) {
            throw new DescentException("model = logistic tells two classes apart, but the data has "
                    + context.classes().size() + " (" + String.join(", ", context.classes()) + "); use model = softmax"
                    + " with loss = cross-entropy");
        }
        parameters = LinearLogits.create("logistic", context, "w", 1, initStd);
    }

    @Override
    public Tensor forward(Tensor features) {
        return LinearLogits.forward("logistic", parameters, features);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Optional<Affine> affine() {
        return Optional.of(new Affine("w", "b"));
    }
}
