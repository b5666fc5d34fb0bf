package dev.descent.train;

import dev.descent.api.Loss;
import dev.descent.api.Parameter;
import dev.descent.tensor.Tensor;
import java.util.List;

/** What a batch's loss is made of: the loss's value per example, and the L2/L1 penalty on top. */
final class LossTerms {

    private LossTerms() {
    }

    /** {@code l2/2 · Σ w² + l1 · Σ |w|} over the regularised parameters, tracked; null when none is. */
    static Tensor penalty(List<Parameter> parameters, double l2, double l1) {
        Tensor penalty = null;
        for (Parameter p : parameters) {
            if (!p.regularized()) {
                continue;
            }
            if (l2 != 0) {
                Tensor term = p.value().square().sum().mul(l2 / 2);
                penalty = penalty == null ? term : penalty.add(term);
            }
            if (l1 != 0) {
                Tensor term = p.value().abs().sum().mul(l1);
                penalty = penalty == null ? term : penalty.add(term);
            }
        }
        return penalty;
    }

    /** The loss of predictions {@code yHat} for {@code count} examples, checked to be one per example. */
    static Tensor perExample(Loss loss, Tensor yHat, Tensor yb, int count) {
        Tensor l = loss.apply(yHat, yb);
        if (l.size() != count) {
            throw new TrainingException("the loss " + loss.getClass().getName() + " returned shape " + l.shape()
                    + " for a batch of " + count + " examples; a loss must return one value per example");
        }
        return l;
    }
}
