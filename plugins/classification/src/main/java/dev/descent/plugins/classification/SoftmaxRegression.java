package dev.descent.plugins.classification;

import com.google.auto.service.AutoService;
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
 * The book's softmax regression (chapter 4.4): logits {@code O = X W + b} with {@code W} of shape
 * {@code (features, classes)} drawn from N(0, init-std²) and {@code b} of {@code classes} zeros. The
 * model gives logits; the softmax is taken by the loss ({@code cross-entropy}, stably) and by
 * {@code predict} (the probabilities).
 */
@AutoService(Model.class)
@Plugin(name = "softmax", description = "Softmax regression: one logit per class, O = XW + b; W ~ N(0, init-std^2),"
        + " b = 0")
public final class SoftmaxRegression implements Model {

    @Option(name = "init-std", description = "Standard deviation of the initial weights", min = 0)
    private double initStd = 0.01;

    private List<Parameter> parameters = List.of();

    @Override
    public void initialize(ModelContext context) {
        parameters = LinearLogits.create("softmax", context, "W", context.outputs(), initStd);
    }

    @Override
    public Tensor forward(Tensor features) {
        return LinearLogits.forward("softmax", parameters, features);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Optional<Affine> affine() {
        return Optional.of(new Affine("W", "b"));
    }
}
