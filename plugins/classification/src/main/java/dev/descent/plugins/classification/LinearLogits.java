package dev.descent.plugins.classification;

import dev.descent.api.DescentException;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/** What logistic and softmax regression share: logits {@code X W + b}, W from N(0, std²), b zeros and not decayed. */
final class LinearLogits {

    private LinearLogits() {
    }

    /** The weights ({@code features × width}) and bias ({@code width}) of {@code model}, for class labels only. */
    static List<Parameter> create(String model, ModelContext context, String weights, int width, double std) {
        if (!context.isClassification()) {
            throw new DescentException("model = " + model + " classifies, but the data has a numeric target; use model ="
                    + " linreg for regression, or give the data class labels (csv: data.task = classification)");
        }
        return List.of(context.normal(weights, Shape.of(context.features(), width), std),
                context.zeros("b", Shape.of(width)).notRegularized());
    }

    static Tensor forward(String model, List<Parameter> parameters, Tensor features) {
        if (parameters.isEmpty()) {
            throw new IllegalStateException(model + ": initialize() must run before forward()");
        }
        return features.affine(parameters.get(0).value(), parameters.get(1).value());
    }
}
